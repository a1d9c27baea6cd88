package io.fluxfix.runner.run;

import io.fluxfix.config.YamlConfig;
import io.fluxfix.journal.JournalConfig;
import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.kraken.KrakenEnvironment;
import io.fluxfix.kraken.KrakenSessionConfig;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.orders.OrderSinkConfig;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code fluxfix run} reads from its YAML file, checked without connecting anywhere: the embedded
 * local venue (optional), the journal, the FIX sessions, the dialect switches, HTTP, the admin token's variable,
 * the strategies and shutdown. Every problem is one {@link ConfigException} line naming the file and the key.
 *
 * <p>Relative paths in the file resolve against the current directory, as the venue's do.
 *
 * @param origin     the file, for messages
 * @param venue      the embedded local venue, or null when the sessions connect to a venue elsewhere
 * @param venueAccount the embedded venue's account whose API key and secret the trading sessions use when
 *                   the environment sets none; null without an embedded venue
 * @param sessions   the FIX sessions, in file order
 * @param journal    where the journal goes
 * @param http       the HTTP endpoint
 * @param strategies the configured strategies, each naming a registered strategy
 * @param orders     the order sink over the trading sessions ({@code orders.*}, the order sink's own keys)
 * @param booksStaleAfter a book with no update for this long is stale: {@code /health} is not ready
 */
public record RunnerConfig(String origin, VenueConfig venue, VenueAccount venueAccount, DialectOptions dialect,
                           List<SessionConfig> sessions, JournalConfig journal, Http http, String adminTokenEnv,
                           int marketDataDepth, List<StrategySpec> strategies, boolean cancelAllOnShutdown,
                           Duration shutdownTimeout, Path fixStoreDir, OrderSinkConfig orders,
                           Duration booksStaleAfter) {

    /** The embedded venue's account the trading sessions log on as: public test values from the venue's file. */
    public record VenueAccount(String name, String spotCompId, String apiKey, String apiSecretBase64) {
        @Override
        public String toString() {
            return "VenueAccount[" + name + ", " + spotCompId + ", ********]";
        }
    }

    /**
     * The HTTP endpoint.
     *
     * @param pushInterval how often the status page's event stream pushes a new state
     */
    public record Http(boolean enabled, String bind, int port, Duration pushInterval) {
    }

    // ---- embedded-venue.* -----------------------------------------------------------------------------------

    public static final ConfigKey<Boolean> VENUE_ENABLED = ConfigKey.bool("embedded-venue.enabled", false,
            "Start the local Kraken venue inside the runner before the sessions connect (the local default).");
    public static final ConfigKey<Path> VENUE_CONFIG = ConfigKey.path("embedded-venue.config",
            "venue-local.yaml", "The embedded venue's own configuration file (the venue keys below); a relative "
                    + "path is relative to the directory of the runner's file.");
    public static final ConfigKey<Integer> VENUE_PORT_BASE = ConfigKey.integer("embedded-venue.port-base", 0, 0,
            65_520, "Port base of the embedded venue's six FIX ports; 0 = the venue file's venue.port-base.");
    public static final ConfigKey<Integer> VENUE_ADMIN_PORT = ConfigKey.integer("embedded-venue.admin-port", 0, 0,
            65_535, "The embedded venue's admin HTTP port; 0 = the port base + 10.");
    public static final ConfigKey<String> VENUE_DATA_DIR = ConfigKey.string("embedded-venue.data-dir", "",
            "The embedded venue's data directory (journal, TLS certificate); empty = the venue file's venue.data-dir.");
    public static final ConfigKey<String> VENUE_ACCOUNT = ConfigKey.string("embedded-venue.account", "demo",
            "Venue account whose public test API key and secret the trading sessions use when the environment "
                    + "variables they name are unset.");

    public static final List<ConfigKey<?>> VENUE_KEYS = List.of(VENUE_ENABLED, VENUE_CONFIG, VENUE_PORT_BASE,
            VENUE_ADMIN_PORT, VENUE_DATA_DIR, VENUE_ACCOUNT);

    // ---- http.*, admin.* ------------------------------------------------------------------------------------

    public static final ConfigKey<Boolean> HTTP_ENABLED = ConfigKey.bool("http.enabled", true,
            "Serve /metrics, /health, /api/* and /status over HTTP.");
    public static final ConfigKey<String> HTTP_BIND = ConfigKey.string("http.bind", "127.0.0.1",
            "Address the HTTP endpoint listens on (loopback by default; the admin actions need a token anyway).");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("http.port", 8080, 0, 65_535,
            "HTTP port; 0 = an ephemeral port (printed at start).");
    public static final ConfigKey<Duration> HTTP_PUSH_INTERVAL = ConfigKey.duration("http.push-interval",
            Duration.ofSeconds(1), "How often /api/stream (the status page's server-sent events) pushes the state.");
    public static final ConfigKey<String> ADMIN_TOKEN_ENV = ConfigKey.string("admin.token-env",
            "FLUXFIX_ADMIN_TOKEN", "Environment variable holding the token admin actions need (Authorization: "
                    + "Bearer TOKEN); unset = admin actions refused.");

    public static final List<ConfigKey<?>> HTTP_KEYS = List.of(HTTP_ENABLED, HTTP_BIND, HTTP_PORT,
            HTTP_PUSH_INTERVAL, ADMIN_TOKEN_ENV);

    // ---- market-data.*, shutdown.* --------------------------------------------------------------------------

    public static final ConfigKey<Integer> MARKET_DATA_DEPTH = ConfigKey.integer("market-data.depth", 10, 0, 1000,
            "Book depth the runner subscribes for the strategies' symbols on their market-data session; 0 = full book.");
    public static final ConfigKey<Boolean> SHUTDOWN_CANCEL_ALL = ConfigKey.bool("shutdown.cancel-all", false,
            "On SIGTERM/SIGINT, cancel every open order before logging out (needs the order sink; cancel-on-"
                    + "disconnect covers the rest).");
    public static final ConfigKey<Duration> SHUTDOWN_TIMEOUT = ConfigKey.duration("shutdown.timeout",
            Duration.ofSeconds(30), "Longest a clean shutdown may take; past it the process exits anyway.");

    public static final ConfigKey<Path> FIX_STORE_DIR = ConfigKey.path("fix-store.dir", "data/fix-store",
            "QuickFIX/J's store of sequence numbers and sent messages; kept across restarts so the venue resends "
                    + "what was missed.");

    public static final ConfigKey<Duration> BOOKS_STALE_AFTER = ConfigKey.duration("books.stale-after",
            Duration.ofSeconds(30), "A book with no update for this long is stale: a STALE alert, and /health "
                    + "answers 503 until it updates again.");

    public static final List<ConfigKey<?>> RUN_KEYS = List.of(MARKET_DATA_DEPTH, SHUTDOWN_CANCEL_ALL,
            SHUTDOWN_TIMEOUT, FIX_STORE_DIR, BOOKS_STALE_AFTER);

    /** The top-level sections a runner file may have. */
    static final Set<String> SECTIONS = Set.of("embedded-venue", "journal", "sessions", "dialect", "http", "admin",
            "market-data", "strategies", "shutdown", "fix-store", "orders", "books");

    public RunnerConfig {
        Objects.requireNonNull(origin, "origin");
        sessions = List.copyOf(sessions);
        strategies = List.copyOf(strategies);
    }

    /** Loads and checks {@code file}; a trust store the embedded venue will make need not exist yet. */
    public static RunnerConfig load(Path file, StrategyRegistry registry) {
        return read(YamlConfig.load(file), registry);
    }

    public static RunnerConfig read(ConfigSource source, StrategyRegistry registry) {
        ConfigSource src = withJavaHome(source);
        for (String section : src.children("")) {
            if (!SECTIONS.contains(section)) {
                throw new ConfigException(src.origin(), section,
                        "unknown section (expected one of " + new java.util.TreeSet<>(SECTIONS) + ")");
            }
        }
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith("embedded-venue.")), VENUE_KEYS);
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith("http.") || k.startsWith("admin.")), HTTP_KEYS);
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith("market-data.") || k.startsWith("shutdown.")
                || k.startsWith("fix-store.") || k.startsWith("books.")),
                RUN_KEYS);
        ConfigKey.rejectUnknown(src.filtered(k -> k.startsWith("journal.")), JournalConfig.KEYS);

        VenueConfig venue = null;
        VenueAccount account = null;
        if (VENUE_ENABLED.read(src)) {
            Path file = venueFile(src);
            ConfigSource venueSource = YamlConfig.load(file);
            // The venue file's own errors name that file: it is the one to fix.
            venue = embeddedVenue(src, VenueConfig.read(venueSource));
            String name = VENUE_ACCOUNT.read(src);
            AccountConfig a = venue.accounts().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException(src.origin(), VENUE_ACCOUNT.name(),
                            "no account '" + name + "' in " + file));
            account = new VenueAccount(name, a.spotCompId(), a.apiKey(),
                    venueSource.get("accounts." + name + "." + AccountConfig.API_SECRET.name()).orElse("").trim());
        }
        JournalConfig journal = JournalConfig.read(src);
        DialectOptions dialect = DialectOptions.from(src);
        List<SessionConfig> sessions = readSessions(src, dialect);
        Path venueTrustStore = venue != null && venue.tls()
                ? venue.dataDir().resolve("tls").resolve(SelfSignedTls.TRUST_STORE_FILE) : null;
        for (SessionConfig s : sessions) {
            checkTrustStore(src, s, venueTrustStore);
        }
        Http http = new Http(HTTP_ENABLED.read(src), HTTP_BIND.read(src), HTTP_PORT.read(src),
                positive(src, HTTP_PUSH_INTERVAL));
        String tokenEnv = ADMIN_TOKEN_ENV.read(src);
        int depth = MARKET_DATA_DEPTH.read(src);
        List<StrategySpec> strategies = readStrategies(src, sessions, registry);
        if (venue != null) {
            checkSymbolsOfEmbeddedVenue(src, venue, sessions, strategies);
        }
        OrderSinkConfig orders = OrderSinkConfig.read(src);
        return new RunnerConfig(src.origin(), venue, account, dialect, sessions, journal, http, tokenEnv, depth,
                strategies, SHUTDOWN_CANCEL_ALL.read(src), positive(src, SHUTDOWN_TIMEOUT), FIX_STORE_DIR.read(src),
                orders, positive(src, BOOKS_STALE_AFTER));
    }

    /**
     * A strategy whose market-data session connects to the embedded venue may only name the venue's instruments:
     * the venue answers a market-data request naming another with 35=Y for the whole request. (Against a remote
     * venue the same check runs when its instrument list arrives: {@link Trading}.)
     */
    private static void checkSymbolsOfEmbeddedVenue(ConfigSource src, VenueConfig venue, List<SessionConfig> sessions,
                                                    List<StrategySpec> strategies) {
        for (StrategySpec s : strategies) {
            boolean embedded = sessions.stream().anyMatch(c -> c.name().equals(s.marketDataSession())
                    && c.connection().environment() == KrakenEnvironment.LOCAL
                    && c.connection().port() >= venue.portBase() && c.connection().port() <= venue.portBase() + 5);
            for (String symbol : embedded ? s.symbols() : List.<String>of()) {
                if (!venue.instruments().containsKey(symbol)) {
                    throw new ConfigException(src.origin(), "strategies." + s.id() + ".symbols", symbol
                            + " is not an instrument of the embedded venue (it has " + venue.instruments().keySet()
                            + ")");
                }
            }
        }
    }

    private static Duration positive(ConfigSource src, ConfigKey<Duration> key) {
        Duration d = key.read(src);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(src.origin(), key.name(), "must be above 0");
        }
        return d;
    }

    /** The venue file; relative to the directory of the file that names it, so it works from any directory. */
    private static Path venueFile(ConfigSource src) {
        Path file = VENUE_CONFIG.read(src);
        if (file.isAbsolute()) {
            return file;
        }
        Path dir = Path.of(src.origin()).toAbsolutePath().getParent();
        return dir == null ? file : dir.resolve(file).normalize();
    }

    private static VenueConfig embeddedVenue(ConfigSource src, VenueConfig v) {
        int base = VENUE_PORT_BASE.read(src);
        if (base == 0) {
            base = v.portBase();
        }
        int admin = VENUE_ADMIN_PORT.read(src);
        if (admin == 0) {
            admin = base + 10;
        }
        String dir = VENUE_DATA_DIR.read(src);
        return v.with(base, admin, v.tls(), dir.isBlank() ? v.dataDir() : Path.of(dir));
    }

    private static List<SessionConfig> readSessions(ConfigSource src, DialectOptions dialect) {
        if (src.children("sessions").isEmpty()) {
            throw new ConfigException(src.origin(), "sessions", "at least one session is required");
        }
        return SessionConfig.readAll(src, dialect);
    }

    /**
     * A configured trust store must be a readable store of its type with the password given — QuickFIX/J would
     * otherwise start with an empty one and fail every handshake. The embedded venue's own store is made at start.
     */
    private static void checkTrustStore(ConfigSource src, SessionConfig s, Path venueTrustStore) {
        KrakenSessionConfig.Tls tls = s.connection().tls();
        if (!tls.enabled() || tls.trustStore() == null) {
            return;
        }
        String key = "sessions." + s.name() + "." + KrakenSessionConfig.TLS_TRUST_STORE.name();
        Path store = tls.trustStore();
        if (venueTrustStore != null && !Files.exists(store)
                && store.toAbsolutePath().normalize().equals(venueTrustStore.toAbsolutePath().normalize())) {
            return;
        }
        if (!Files.isRegularFile(store)) {
            throw new ConfigException(src.origin(), key, "trust store " + store + " not found");
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance(tls.trustStoreType());
            ks.load(in, tls.trustStorePassword().toCharArray());
            if (ks.size() == 0) {
                throw new ConfigException(src.origin(), key, "trust store " + store + " holds no certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ConfigException(src.origin(), key, "cannot read trust store " + store + " as "
                    + tls.trustStoreType() + ": " + why.replaceAll("\\s+", " ").trim());
        }
    }

    private static List<StrategySpec> readStrategies(ConfigSource src, List<SessionConfig> sessions,
                                                     StrategyRegistry registry) {
        Map<String, SessionConfig> byName = new LinkedHashMap<>();
        sessions.forEach(s -> byName.put(s.name(), s));
        List<StrategySpec> out = new ArrayList<>();
        for (String id : src.children("strategies")) {
            out.add(StrategySpec.read(id, src.under("strategies." + id), byName, registry));
        }
        return out;
    }

    /**
     * {@code ${java.home}} in any value becomes the running JDK's home, so a file can name the JDK's own CA
     * certificates ({@code ${java.home}/lib/security/cacerts}) as the trust store for Kraken's real hosts.
     */
    static ConfigSource withJavaHome(ConfigSource src) {
        String home = System.getProperty("java.home", "");
        return new ConfigSource() {
            @Override
            public java.util.Optional<String> get(String key) {
                return src.get(key).map(v -> v.replace(JAVA_HOME, home));
            }

            @Override
            public Set<String> keys() {
                return src.keys();
            }

            @Override
            public String origin() {
                return src.origin();
            }

            @Override
            public String fullKey(String key) {
                return src.fullKey(key);
            }
        };
    }

    /** The placeholder {@link #withJavaHome} replaces. */
    public static final String JAVA_HOME = "${java.home}";

    /** The symbols the strategies trade, per market-data session, in file order. */
    public Map<String, Set<String>> marketDataSymbols() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (StrategySpec s : strategies) {
            out.computeIfAbsent(s.marketDataSession(), k -> new LinkedHashSet<>()).addAll(s.symbols());
        }
        return out;
    }

    /**
     * The environment the sessions read credentials from: the process's, plus the embedded venue account's
     * public test key and secret under each trading session's variable names where those are unset.
     */
    public Map<String, String> credentialEnvironment(Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        if (venueAccount != null) {
            for (SessionConfig s : sessions) {
                if (s.connection().endpoint().isTrading() && s.secretFile() == null) {
                    env.putIfAbsent(s.apiKeyEnv(), venueAccount.apiKey());
                    env.putIfAbsent(s.apiSecretEnv(), venueAccount.apiSecretBase64());
                }
            }
        }
        return env;
    }

    /** Session names, for messages. */
    public List<String> sessionNames() {
        return sessions.stream().map(SessionConfig::name).toList();
    }
}
