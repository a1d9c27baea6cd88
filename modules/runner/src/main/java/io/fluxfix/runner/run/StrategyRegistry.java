package io.fluxfix.runner.run;

import io.fluxfix.runner.hooks.RunnerHooks;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The strategies a config file may name. A name is <em>declared</em> (config files may use it, and an unknown
 * name stops start-up) and, once the strategy module provides one, <em>implemented</em>. Until then the runner
 * logs that no implementation is registered for a configured strategy and runs the rest of the pipeline.
 *
 * <p>The strategy module knows nothing of the runner (architecture: arrows point down), so its wiring lives
 * here: whoever builds the registry calls {@link #implement} with an adapter around the strategy module's
 * strategy.
 */
public final class StrategyRegistry {

    /** The names the issue fixes for the reference strategies. */
    public static final List<String> REFERENCE_STRATEGIES = List.of("quoter", "twap");

    /** What the runner needs from a strategy: check its parameters, start it, stop it. */
    public interface Implementation {

        /**
         * Checks {@code spec.params()}; a bad parameter is a {@link io.fluxfix.model.config.ConfigException}
         * naming its full key ({@code spec.paramsSource()} reads keys that way). Called by {@code --check} too.
         */
        void validate(StrategySpec spec);

        /** Starts the strategy; the handle stops it (strategies stop before the sessions log out). */
        Running start(StrategySpec spec, RunnerHooks hooks);
    }

    /** A started strategy. */
    public interface Running extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Implementation> byName = new TreeMap<>();

    /** A registry with the reference strategies' names declared and nothing implemented yet. */
    public static StrategyRegistry standard() {
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
