package io.fluxfix.runner.run;

import io.fluxfix.strategy.Strategies;
import io.fluxfix.strategy.StrategyFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The strategies a config file may name. A name is <em>declared</em> (config files may use it, and an unknown
 * name stops start-up) and <em>implemented</em> when something can run it. A declared name without an
 * implementation is logged at start and the rest of the pipeline runs without it.
 *
 * <p>The strategy module knows nothing of the runner (architecture: arrows point down), so its wiring lives
 * here: {@link #standard()} implements every factory of {@link Strategies#builtIn()} with a
 * {@link FactoryStrategy}; other code calls {@link #implement} with its own adapter.
 */
public final class StrategyRegistry {

    /** The names the issue fixes for the reference strategies. */
    public static final List<String> REFERENCE_STRATEGIES = List.of("quoter", "twap");

    /** An empty strategy state for {@link Running#status()}. */
    private static final Map<String, Object> NO_STATUS = Map.of();

    /** What the runner needs from a strategy: check its parameters, start it, stop it. */
    public interface Implementation {

        /**
         * Checks {@code spec.params()}; a bad parameter is a {@link io.fluxfix.model.config.ConfigException}
         * naming its full key ({@code spec.paramsSource()} reads keys that way). Called by {@code --check} too.
         */
        void validate(StrategySpec spec);

        /**
         * Starts the strategy over the runner's trading pipeline (books, order sink, instruments); the handle
         * stops it (strategies stop before the sessions log out). Must not block.
         */
        Running start(StrategySpec spec, Trading trading);
    }

    /** A started strategy. */
    public interface Running extends AutoCloseable {

        /**
         * Its state for {@code /api/strategies}: at least {@code state} ({@code RUNNING}, {@code PAUSED} ...);
         * other entries show as details.
         */
        default Map<String, Object> status() {
            return NO_STATUS;
        }

        /** Stops its new orders and cancels its open ones; answers what it did. */
        default String pause() {
            throw new IllegalStateException("this strategy cannot be paused");
        }

        default String resume() {
            throw new IllegalStateException("this strategy cannot be resumed");
        }

        @Override
        void close();
    }

    private final Map<String, Implementation> byName = new TreeMap<>();

    /** The reference strategies' names declared, and every built-in strategy implemented. */
    public static StrategyRegistry standard() {
        StrategyRegistry r = declared();
        for (StrategyFactory f : Strategies.builtIn()) {
            r.implement(f.name(), new FactoryStrategy(f));
        }
        return r;
    }

    /** The reference strategies' names declared and nothing implemented (tests plug in their own). */
    public static StrategyRegistry declared() {
        StrategyRegistry r = new StrategyRegistry();
        REFERENCE_STRATEGIES.forEach(r::declare);
        return r;
    }

    /** Lets config files name {@code name}; it runs once implemented. */
    public StrategyRegistry declare(String name) {
        byName.putIfAbsent(Objects.requireNonNull(name, "name"), null);
        return this;
    }

    public StrategyRegistry implement(String name, Implementation implementation) {
        byName.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(implementation, "implementation"));
        return this;
    }

    public boolean isKnown(String name) {
        return byName.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<Implementation> implementation(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
