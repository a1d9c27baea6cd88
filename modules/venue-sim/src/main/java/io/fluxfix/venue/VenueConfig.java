package io.fluxfix.venue;

import io.fluxfix.config.YamlConfig;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the local venue is configured with, read from one YAML file: {@code venue.*} (ports, TLS,
 * persistence, fees), {@code accounts.<name>.*}, {@code instruments.<symbol>.*}, {@code assets.<asset>.*} and
 * the {@code dialect.*} switches shared with the client. Every problem stops start-up with one line naming
 * the file and the key.
 */
public record VenueConfig(
        String bind,
        int portBase,
        int adminPort,
        boolean tls,
        Path dataDir,
        boolean persistence,
        LocalTime rolloverUtc,
        long idSeed,
        Fees spotFees,
        Fees derivativesFees,
        Decimal initialMargin,
        Map<String, Integer> assetDecimals,
        List<AccountConfig> accounts,
        Map<String, VenueInstrument> instruments,
        DialectOptions dialect,
        Background background,
        int marketDataMaxQueued,
        RateLimitConfig rateLimits,
        String origin) {

    /** Maker and taker fee rates, as fractions (0.0016 = 0.16 %). */
    public record Fees(Decimal maker, Decimal taker) {
    }

    /**
     * The venue's own background market (synthetic makers and takers) on every instrument with a reference
     * price: on or off, its seed, how many actions per instrument per second, and the two accounts it trades
     * from (two, because self-trade prevention keeps one account's orders from meeting).
     */
    public record Background(boolean synthetic, long seed, int actionsPerSecond, String makerAccount,
                             String takerAccount, String replayFile, String replaySymbol, Decimal replaySpeed) {

        /** Whether a recording drives {@code symbol} (the synthetic market then leaves it alone). */
        public boolean replays(String symbol) {
            return !replayFile.isEmpty() && replaySymbol.equals(symbol);
        }
    }

    public static final ConfigKey<String> MARKET_REPLAY_FILE = ConfigKey.string("venue.market.replay-file", "",
            "A Kraken WebSocket book recording (v1 book-N or v2 book, one frame per line) to replay as the background of replay-symbol; empty = none.");
    public static final ConfigKey<String> MARKET_REPLAY_SYMBOL = ConfigKey.string("venue.market.replay-symbol",
            "BTC/USD", "The instrument the recording drives (a v1 XBT/ pair name matches its BTC/ symbol).");
    public static final ConfigKey<Decimal> MARKET_REPLAY_SPEED = ConfigKey.decimal("venue.market.replay-speed", "1",
            "0", "Recorded time per venue time: 1 = as recorded, 10 = ten times faster.");

    public static final ConfigKey<Integer> MARKET_DATA_MAX_QUEUED = ConfigKey.integer(
            "venue.market-data.max-queued-messages", 10_000, 1, 10_000_000,
            "Messages a market-data session may have waiting to be written before it is disconnected as a slow consumer.");
    public static final ConfigKey<Boolean> MARKET_SYNTHETIC = ConfigKey.bool("venue.market.synthetic", false,
            "Seeded background makers and takers on every instrument that has a reference-price.");
    public static final ConfigKey<Integer> MARKET_SEED = ConfigKey.integer("venue.market.seed", 1, 0, Integer.MAX_VALUE,
            "Seed of the synthetic market: the same seed and venue clock give the same market.");
    public static final ConfigKey<Integer> MARKET_ACTIONS_PER_SECOND = ConfigKey.integer(
            "venue.market.actions-per-second", 8, 1, 1000,
            "Background orders, cancels and trades per instrument per second, on average.");
    public static final ConfigKey<String> MARKET_MAKER_ACCOUNT = ConfigKey.string("venue.market.maker-account",
            "market-maker", "The configured account whose orders make the synthetic book.");
    public static final ConfigKey<String> MARKET_TAKER_ACCOUNT = ConfigKey.string("venue.market.taker-account",
            "market-taker", "The configured account whose orders take from it (trades, sweeps).");

    public static final ConfigKey<String> BIND = ConfigKey.string("venue.bind", "127.0.0.1",
            "Address every venue port listens on (loopback by default).");
    public static final ConfigKey<Integer> PORT_BASE = ConfigKey.integer("venue.port-base", 4000, 1, 65_520,
            "Kraken's port layout shifted to this base: +0 Spot MD L2, +1 Spot trading, +2 Derivatives MD L2, "
                    + "+3 Derivatives trading, +4 Derivatives MD L3, +5 Spot MD L3.");
    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.integer("venue.admin-port", 0, 0, 65_535,
            "Admin HTTP port on loopback; 0 = port-base + 10.");
    public static final ConfigKey<Boolean> TLS = ConfigKey.bool("venue.tls", true,
            "Serve FIX over TLS with a self-signed certificate made at start; false is for debugging only.");
    public static final ConfigKey<Path> DATA_DIR = ConfigKey.path("venue.data-dir", "data/venue",
            "Where the venue keeps its certificate, FIX message stores and order journal.");
    public static final ConfigKey<Boolean> PERSISTENCE = ConfigKey.bool("venue.persistence", true,
            "Keep sequence numbers, sent messages and books across a restart within the trading day.");
    public static final ConfigKey<LocalTime> ROLLOVER_TIME = ConfigKey.timeOfDay("venue.rollover-time",
            LocalTime.of(22, 0), "UTC time of the daily session rollover (Kraken: 22:00); its length is dialect.rollover.downtime.");
    public static final ConfigKey<Integer> ID_SEED = ConfigKey.integer("venue.id-seed", 1, 0, Integer.MAX_VALUE,
            "Seed of the venue's order and trade ids, so that two runs with the same input give the same ids.");
    public static final ConfigKey<Decimal> SPOT_MAKER_FEE = ConfigKey.decimal("venue.fees.spot.maker", "0.0016", "0",
            "Spot maker fee rate (0.0016 = 0.16 %).");
    public static final ConfigKey<Decimal> SPOT_TAKER_FEE = ConfigKey.decimal("venue.fees.spot.taker", "0.0026", "0",
            "Spot taker fee rate.");
    public static final ConfigKey<Decimal> DERIVATIVES_MAKER_FEE = ConfigKey.decimal("venue.fees.derivatives.maker",
            "0.0002", "0", "Derivatives maker fee rate.");
    public static final ConfigKey<Decimal> DERIVATIVES_TAKER_FEE = ConfigKey.decimal("venue.fees.derivatives.taker",
            "0.0005", "0", "Derivatives taker fee rate.");
    public static final ConfigKey<Decimal> INITIAL_MARGIN = ConfigKey.decimal("venue.derivatives.initial-margin",
            "0.1", "0", "Derivatives initial margin as a fraction of notional (0.1 = 10x); checked on every new order.");

    public static final List<ConfigKey<?>> KEYS = java.util.stream.Stream.concat(java.util.stream.Stream.of(BIND,
            PORT_BASE, ADMIN_PORT, TLS, DATA_DIR, PERSISTENCE, ROLLOVER_TIME, ID_SEED, SPOT_MAKER_FEE, SPOT_TAKER_FEE,
            DERIVATIVES_MAKER_FEE, DERIVATIVES_TAKER_FEE, INITIAL_MARGIN, MARKET_DATA_MAX_QUEUED, MARKET_SYNTHETIC,
            MARKET_SEED, MARKET_ACTIONS_PER_SECOND, MARKET_MAKER_ACCOUNT, MARKET_TAKER_ACCOUNT, MARKET_REPLAY_FILE,
            MARKET_REPLAY_SYMBOL, MARKET_REPLAY_SPEED), RateLimitConfig.KEYS.stream()).toList();

    /** Decimals of an asset's amounts (fees are rounded to them); default when an asset is not listed. */
    public static final ConfigKey<Integer> ASSET_DECIMALS = ConfigKey.integer("decimals", 8, 0, 18,
            "Decimals of the asset's amounts; fees are rounded (half up) to them.");
    private static final int DEFAULT_ASSET_DECIMALS = ASSET_DECIMALS.read(ConfigSource.empty("defaults"));

    private static final Set<String> SECTIONS = Set.of("venue", "accounts", "instruments", "assets", "dialect");

    public VenueConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        accounts = List.copyOf(accounts);
        instruments = Map.copyOf(instruments);
        assetDecimals = Map.copyOf(assetDecimals);
    }

    public static VenueConfig load(Path file) {
        return read(YamlConfig.load(file));
    }

    public static VenueConfig read(ConfigSource src) {
        for (String section : src.children("")) {
            if (!SECTIONS.contains(section)) {
                throw new ConfigException(src.origin(), section, "unknown section (expected one of " + SECTIONS + ")");
            }
        }
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith("venue.")), KEYS);
        // The venue.* values first: a file is reported for the first problem in the order a reader meets it.
        String bind = BIND.read(src);
        int portBase = PORT_BASE.read(src);
        int admin = ADMIN_PORT.read(src);
        boolean tls = TLS.read(src);
        Path dataDir = DATA_DIR.read(src);
        boolean persistence = PERSISTENCE.read(src);
        LocalTime rollover = ROLLOVER_TIME.read(src);
        int idSeed = ID_SEED.read(src);
        Fees spotFees = new Fees(SPOT_MAKER_FEE.read(src), SPOT_TAKER_FEE.read(src));
        Fees derivativesFees = new Fees(DERIVATIVES_MAKER_FEE.read(src), DERIVATIVES_TAKER_FEE.read(src));
        Decimal initialMargin = INITIAL_MARGIN.read(src);
        int marketDataMaxQueued = MARKET_DATA_MAX_QUEUED.read(src);
        RateLimitConfig rateLimits = RateLimitConfig.read(src);
        Background background = new Background(MARKET_SYNTHETIC.read(src), MARKET_SEED.read(src),
                MARKET_ACTIONS_PER_SECOND.read(src), MARKET_MAKER_ACCOUNT.read(src), MARKET_TAKER_ACCOUNT.read(src),
                MARKET_REPLAY_FILE.read(src), MARKET_REPLAY_SYMBOL.read(src), MARKET_REPLAY_SPEED.read(src));
        Map<String, Integer> assets = new LinkedHashMap<>();
        for (String asset : src.children("assets")) {
            ConfigSource a = src.under("assets." + asset);
            ConfigKey.rejectUnknown(a, List.of(ASSET_DECIMALS));
            assets.put(asset, ASSET_DECIMALS.read(a));
        }
        List<AccountConfig> accounts = new ArrayList<>();
        Set<String> compIds = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (String name : src.children("accounts")) {
            ConfigSource a = src.under("accounts." + name);
            AccountConfig account = AccountConfig.read(name, a);
            unique(compIds, account.spotCompId(), a, AccountConfig.SPOT_COMP_ID);
            for (String other : account.otherSpotCompIds()) {
                unique(compIds, other, a, AccountConfig.OTHER_SPOT_COMP_IDS);
            }
            if (account.derivativesCompId() != null) {
                unique(compIds, account.derivativesCompId(), a, AccountConfig.DERIVATIVES_COMP_ID);
            }
            unique(keys, account.apiKey(), a, AccountConfig.API_KEY);
            for (Map.Entry<String, Decimal> b : account.balances().entrySet()) {
                int decimals = assets.getOrDefault(b.getKey(), DEFAULT_ASSET_DECIMALS);
                if (!fitsWithHeadroom(b.getValue(), decimals)) {
                    throw new ConfigException(src.origin(), "accounts." + name + "." + AccountConfig.BALANCES + "."
                            + b.getKey(), b.getValue() + " is too large to count at the asset's " + decimals
                            + " decimals (at most " + maxAmount(decimals) + ")");
                }
            }
            accounts.add(account);
        }
        Map<String, AccountConfig> domains = new java.util.HashMap<>();
        for (AccountConfig a : accounts) {
            AccountConfig first = a.domain().isEmpty() ? a : domains.putIfAbsent(a.domain(), a);
            if (first != null && first != a && first.tier() != a.tier()) {
                throw new ConfigException(src.origin(), "accounts." + a.name() + "." + AccountConfig.TIER.name(),
                        "'" + a.tier().name().toLowerCase(java.util.Locale.ROOT) + "' differs from account '" + first.name()
                                + "' of the same domain '" + a.domain() + "': one domain pools one tier's limits");
            }
        }
        Map<String, VenueInstrument> instruments = new LinkedHashMap<>();
        for (String symbol : src.children("instruments")) {
            instruments.put(symbol, VenueInstrument.read(symbol, src.under("instruments." + symbol)));
        }
        if (instruments.isEmpty()) {
            throw new ConfigException(src.origin(), "instruments", "at least one instrument is required");
        }
        DialectOptions dialect = DialectOptions.from(src);
        refuseSwitchesNotBuilt(src, dialect);
        if (!background.replayFile().isEmpty()) {
            if (!instruments.containsKey(background.replaySymbol())) {
                throw new ConfigException(src.origin(), MARKET_REPLAY_SYMBOL.name(),
                        "no instrument '" + background.replaySymbol() + "' is configured");
            }
            if (!java.nio.file.Files.isReadable(Path.of(background.replayFile()))) {
                throw new ConfigException(src.origin(), MARKET_REPLAY_FILE.name(),
                        "cannot read '" + background.replayFile() + "'");
            }
            if (background.replaySpeed().signum() <= 0) {
                throw new ConfigException(src.origin(), MARKET_REPLAY_SPEED.name(), "must be above 0");
            }
        }
        if (background.synthetic() || !background.replayFile().isEmpty()) {
            for (ConfigKey<String> key : List.of(MARKET_MAKER_ACCOUNT, MARKET_TAKER_ACCOUNT)) {
                String name = key.read(src);
                if (accounts.stream().noneMatch(a -> a.name().equals(name))) {
                    throw new ConfigException(src.origin(), key.name(), "no account '" + name + "' is configured");
                }
            }
        }
        return new VenueConfig(bind, portBase, admin == 0 ? portBase + 10 : admin, tls, dataDir, persistence,
                rollover, idSeed, spotFees, derivativesFees, initialMargin, assets, accounts, instruments, dialect,
                background, marketDataMaxQueued, rateLimits, src.origin());
    }

    /**
     * Dialect choices the local venue cannot model yet stop start-up rather than being silently ignored: the
     * in-session reset at rollover, and serving Bitcoin pairs under the other spelling. The client reads these
     * switches too; only the venue refuses them.
     */
    private static void refuseSwitchesNotBuilt(ConfigSource src, DialectOptions d) {
        if (d.rolloverMode() != DialectOptions.RolloverMode.LOGOUT) {
            throw new ConfigException(src.origin(), DialectOptions.ROLLOVER_MODE.name(),
                    "the local venue supports only 'logout' so far");
        }
        if (d.spotBitcoin() != DialectOptions.SpotBitcoin.BTC) {
            throw new ConfigException(src.origin(), DialectOptions.SYMBOL_SPOT_BITCOIN.name(),
                    "the local venue supports only 'btc' so far (name its instruments BTC/...)");
        }
        if (d.acceptBitcoinAlias()) {
            throw new ConfigException(src.origin(), DialectOptions.SYMBOL_ACCEPT_BITCOIN_ALIAS.name(),
                    "the local venue does not accept the XBT alias yet");
        }
    }

    /**
     * Balances are kept as long mantissas at the asset's decimals; a balance may use a hundredth of that range,
     * so that trades, fees and holds on top of it can never overflow.
     */
    private static boolean fitsWithHeadroom(Decimal amount, int decimals) {
        try {
            return Math.abs(amount.unscaledAt(decimals)) <= Long.MAX_VALUE / 100;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static String maxAmount(int decimals) {
        return Decimal.of(Long.MAX_VALUE / 100 / Decimal.pow10(decimals) * Decimal.pow10(decimals), decimals)
                .stripTrailingZeros().toString();
    }

    /** The same configuration with a few start-up overrides (command-line flags, tests). */
    public VenueConfig with(int portBase, int adminPort, boolean tls, Path dataDir) {
        return new VenueConfig(bind, portBase, adminPort, tls, dataDir, persistence, rolloverUtc, idSeed, spotFees,
                derivativesFees, initialMargin, assetDecimals, accounts, instruments, dialect, background,
                marketDataMaxQueued, rateLimits, origin);
    }

    public int assetDecimals(String asset) {
        Integer decimals = assetDecimals.get(asset);
        return decimals != null ? decimals : DEFAULT_ASSET_DECIMALS;
    }

    public Fees fees(Market market) {
        return market == Market.SPOT ? spotFees : derivativesFees;
    }

    private static void unique(Set<String> seen, String value, ConfigSource src, ConfigKey<String> key) {
        if (!seen.add(value)) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()), "'" + value + "' is used by another account");
        }
    }
}
