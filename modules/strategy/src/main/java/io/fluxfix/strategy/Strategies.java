package io.fluxfix.strategy;

import io.fluxfix.strategy.reference.Quoter;
import io.fluxfix.strategy.reference.Twap;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The strategies FluxFix ships, by name. */
public final class Strategies {

    private static final Map<String, StrategyFactory> BUILT_IN = new TreeMap<>();

    static {
        for (StrategyFactory f : List.of(Quoter.FACTORY, Twap.FACTORY)) {
            BUILT_IN.put(f.name(), f);
        }
    }

    private Strategies() {
    }

    /** Every built-in strategy, sorted by name. */
    public static List<StrategyFactory> builtIn() {
        return List.copyOf(BUILT_IN.values());
    }

    public static Optional<StrategyFactory> named(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }
}
