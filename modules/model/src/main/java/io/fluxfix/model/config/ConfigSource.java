package io.fluxfix.model.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Flat key/value view of one configuration file (or of defaults in code). Nested formats such as YAML are
 * flattened to dotted keys before they reach a {@link ConfigKey}.
 */
public interface ConfigSource {

    /** The raw text of {@code key}, if set. */
    Optional<String> get(String key);

    /** Every key this source sets, for the check that nothing unknown was configured. */
    Set<String> keys();

    /** Where the values came from, e.g. {@code config/local.yaml}; appears in every error message. */
    String origin();

    /**
     * The names directly under {@code prefix} — for maps keyed by the user's names, e.g. the accounts under
     * {@code accounts} — in sorted order.
     */
    default java.util.SortedSet<String> children(String prefix) {
        String dotted = prefix.isEmpty() ? "" : prefix + ".";
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (String k : keys()) {
            if (k.startsWith(dotted) && k.length() > dotted.length()) {
                int dot = k.indexOf('.', dotted.length());
                names.add(dot < 0 ? k.substring(dotted.length()) : k.substring(dotted.length(), dot));
            }
        }
        return names;
    }

    /** A view of the keys under {@code prefix + "."}, with the prefix removed; errors still name full keys. */
    default ConfigSource under(String prefix) {
        String dotted = prefix + ".";
        return view(this, k -> dotted + k, () -> keys().stream()
                .filter(k -> k.startsWith(dotted))
                .map(k -> k.substring(dotted.length()))
                .collect(Collectors.toUnmodifiableSet()));
    }

    /**
     * The same values, but {@link #keys()} lists only the keys {@code keep} accepts — for checking unknown
     * keys in one part of a file while other parts belong to someone else.
     */
    default ConfigSource filtered(Predicate<String> keep) {
        return view(this, UnaryOperator.identity(),
                () -> keys().stream().filter(keep).collect(Collectors.toUnmodifiableSet()));
    }

    private static ConfigSource view(ConfigSource parent, UnaryOperator<String> toParentKey, Supplier<Set<String>> keys) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return parent.get(toParentKey.apply(key));
            }

            @Override
            public Set<String> keys() {
                return keys.get();
            }

            @Override
            public String origin() {
                return parent.origin();
            }

            @Override
            public String fullKey(String key) {
                return parent.fullKey(toParentKey.apply(key));
            }
        };
    }

    /** The key as the user wrote it in the file (with every prefix), for error messages. */
    default String fullKey(String key) {
        return key;
    }

    static ConfigSource of(String origin, Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }

            @Override
            public String origin() {
                return origin;
            }
        };
    }

    static ConfigSource empty(String origin) {
        return of(origin, Map.of());
    }
}
