package io.fluxfix.runner.run;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.session.SessionConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One strategy as configured under {@code strategies.<id>.}: which registered strategy runs, on which symbols,
 * through which sessions, with which parameters. The parameters stay text here; the strategy reads and checks
 * them through its {@link StrategyRegistry.Implementation#validate}.
 *
 * @param id                the user's name for this instance (logs, metrics, the admin pause action)
 * @param strategy          the registered strategy's name, e.g. {@code quoter}
 * @param params            {@code strategies.<id>.params.*}, keys relative to {@code params.}, as written
 * @param paramsSource      the same parameters as a source whose errors name the full key and the file
 */
public record StrategySpec(String id, String strategy, List<String> symbols, String tradingSession,
                           String marketDataSession, Map<String, String> params, ConfigSource paramsSource) {

    public static final ConfigKey<String> STRATEGY = ConfigKey.string("strategy", null,
            "The registered strategy to run: quoter or twap (docs: the strategy module).");
    public static final ConfigKey<String> SYMBOLS = ConfigKey.string("symbols", null,
            "The instruments it trades, a YAML list (or one comma-separated line), e.g. [BTC/USD, ETH/USD].");
    public static final ConfigKey<String> TRADING_SESSION = ConfigKey.string("trading-session", "",
            "The trading session its orders go through; empty = the only trading session of the file.");
    public static final ConfigKey<String> MARKET_DATA_SESSION = ConfigKey.string("market-data-session", "",
            "The market-data session its books come from; empty = the only market-data session of the file.");
    public static final ConfigKey<String> PARAMS = ConfigKey.string("params.*", "",
            "The strategy's own parameters, a map; each strategy documents its keys and defaults.");

    public static final List<ConfigKey<?>> KEYS = List.of(STRATEGY, SYMBOLS, TRADING_SESSION, MARKET_DATA_SESSION,
            PARAMS);

    public StrategySpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategy, "strategy");
        symbols = List.copyOf(symbols);
        params = Map.copyOf(params);
    }

    static StrategySpec read(String id, ConfigSource src, Map<String, SessionConfig> sessions,
                             StrategyRegistry registry) {
        ConfigKey.rejectUnknown(src.filtered(k -> !k.startsWith("params.") && !k.startsWith(SYMBOLS.name() + ".")),
                List.of(STRATEGY, SYMBOLS, TRADING_SESSION, MARKET_DATA_SESSION));
        String name = STRATEGY.read(src).trim();
        if (!registry.isKnown(name)) {
            throw new ConfigException(src.origin(), src.fullKey(STRATEGY.name()),
                    "unknown strategy '" + name + "' (known: " + String.join(", ", registry.names()) + ")");
        }
        List<String> symbols = symbols(src);
        String trading = session(src, TRADING_SESSION, sessions, true);
        String marketData = session(src, MARKET_DATA_SESSION, sessions, false);
        Map<String, String> params = new LinkedHashMap<>();
        for (String k : src.keys()) {
            if (k.startsWith("params.")) {
                params.put(k.substring("params.".length()), src.get(k).orElse(""));
            }
        }
        StrategySpec spec = new StrategySpec(id, name, symbols, trading, marketData, params, src.under("params"));
        registry.implementation(name).ifPresent(impl -> impl.validate(spec));
        return spec;
    }

    private static List<String> symbols(ConfigSource src) {
        List<String> out = new ArrayList<>();
        if (src.children(SYMBOLS.name()).isEmpty()) {
            for (String s : SYMBOLS.read(src).split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            // a YAML list flattens to symbols.0, symbols.1 ...; anything else under symbols. is a map: wrong shape
            for (int i = 0; src.get(SYMBOLS.name() + "." + i).isPresent(); i++) {
                String s = src.get(SYMBOLS.name() + "." + i).get().trim();
                if (s.isEmpty()) {
                    throw new ConfigException(src.origin(), src.fullKey(SYMBOLS.name() + "." + i), "empty symbol");
                }
                out.add(s);
            }
            if (out.size() != src.children(SYMBOLS.name()).size()) {
                throw new ConfigException(src.origin(), src.fullKey(SYMBOLS.name()),
                        "expected a list of symbols such as [BTC/USD, ETH/USD], got a map");
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(src.origin(), src.fullKey(SYMBOLS.name()), "required but not set");
        }
        return out;
    }

    private static String session(ConfigSource src, ConfigKey<String> key, Map<String, SessionConfig> sessions,
                                  boolean trading) {
        String kind = trading ? "trading" : "market-data";
        String name = key.read(src).trim();
        if (name.isEmpty()) {
            List<String> candidates = sessions.values().stream()
                    .filter(s -> s.connection().endpoint().isTrading() == trading).map(SessionConfig::name).toList();
            if (candidates.size() != 1) {
                throw new ConfigException(src.origin(), src.fullKey(key.name()), "required: the file has "
                        + candidates.size() + " " + kind + " sessions " + candidates + ", name one");
            }
            return candidates.get(0);
        }
        SessionConfig s = sessions.get(name);
        if (s == null) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()),
                    "no session '" + name + "' (configured: " + sessions.keySet() + ")");
        }
        if (s.connection().endpoint().isTrading() != trading) {
            throw new ConfigException(src.origin(), src.fullKey(key.name()), "session '" + name + "' is not a "
                    + kind + " session (its endpoint is " + s.connection().endpoint().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', '-') + ")");
        }
        return name;
    }
}
