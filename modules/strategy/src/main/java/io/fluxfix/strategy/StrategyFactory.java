package io.fluxfix.strategy;

import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.util.List;

/**
 * A named strategy that config files can run: its parameters (documented keys with defaults) and how to build
 * one from them. {@link #create} checks every parameter and throws a one-line
 * {@link io.fluxfix.model.config.ConfigException} naming the key and file for a bad one (so {@code run --check}
 * catches it before anything connects).
 */
public interface StrategyFactory {

    /** The name config files use, e.g. {@code quoter}. */
    String name();

    /** One line for listings. */
    String description();

    /** Its parameters, each with type, default and description (docs/configuration.md lists them). */
    List<ConfigKey<?>> parameters();

    /** A new instance for {@code symbols} with {@code params}; unknown or bad parameters throw. */
    Strategy create(List<String> symbols, ConfigSource params);

    /**
     * A factory whose {@link #create} first rejects keys not among {@code parameters}, then calls {@code build}
     * (which reads and checks the values).
     */
    static StrategyFactory of(String name, String description, List<ConfigKey<?>> parameters,
                              java.util.function.BiFunction<List<String>, ConfigSource, Strategy> build) {
        List<ConfigKey<?>> keys = List.copyOf(parameters);
        return new StrategyFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<ConfigKey<?>> parameters() {
                return keys;
            }

            @Override
            public Strategy create(List<String> symbols, ConfigSource params) {
                ConfigKey.rejectUnknown(params, keys);
                return build.apply(symbols, params);
            }
        };
    }
}
