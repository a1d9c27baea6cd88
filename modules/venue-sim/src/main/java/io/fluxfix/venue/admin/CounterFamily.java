package io.fluxfix.venue.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One counter name with a fixed list of tag keys, and a counter cached per set of tag values so a hot path
 * does not go through {@code Counter.builder(...).register(...)} each time.
 *
 * <p>Cardinality is capped: past {@code maxTagSets} distinct sets, new ones are all counted under the single set
 * whose every value is {@value #OVERFLOW}, and a warning is logged once. A caller that passes free text (an order
 * id, an exception message) as a tag value then cannot grow the registry, and the scrape, without bound.
 */
final class CounterFamily {

    private static final Logger LOG = LoggerFactory.getLogger(CounterFamily.class);

    /** The value of every tag on the counter that takes the sets beyond the cap. */
    static final String OVERFLOW = "other";
    /** The value for a null or blank tag value. */
    static final String NONE = "none";
    /** Longest tag value kept; longer ones are cut. */
    static final int MAX_VALUE_LENGTH = 64;

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> keys;
    private final int maxTagSets;
    private final ConcurrentHashMap<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicBoolean overflowReported = new AtomicBoolean();

    CounterFamily(MeterRegistry registry, String name, String description, int maxTagSets, String... keys) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.keys = List.of(keys);
        this.maxTagSets = maxTagSets;
    }

    /** Adds one to the counter of these tag values, given in the order of the keys. */
    void increment(String... values) {
        counter(values).increment();
    }

    /** The counter of these tag values, given in the order of the keys. */
    Counter counter(String... values) {
        if (values.length != keys.size()) {
            throw new IllegalArgumentException(name + " takes tags " + keys + ", got " + Arrays.toString(values));
        }
        String[] normalized = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            normalized[i] = normalize(values[i]);
        }
        List<String> tagValues = List.of(normalized);
        Counter counter = counters.get(tagValues);
        if (counter != null) {
            return counter;
        }
        if (counters.size() >= maxTagSets) {
            // Racing threads may each add one set past the cap; it stays bounded all the same.
            if (overflowReported.compareAndSet(false, true)) {
                LOG.warn("Counter {} reached {} tag sets; further ones are counted under '{}' (first was {})",
                        name, maxTagSets, OVERFLOW, tagValues);
            }
            String[] overflow = new String[keys.size()];
            Arrays.fill(overflow, OVERFLOW);
            return counters.computeIfAbsent(List.of(overflow), this::register);
        }
        return counters.computeIfAbsent(tagValues, this::register);
    }

    private Counter register(List<String> tagValues) {
        Counter.Builder builder = Counter.builder(name).description(description);
        for (int i = 0; i < keys.size(); i++) {
            builder.tag(keys.get(i), tagValues.get(i));
        }
        return builder.register(registry);
    }

    private static String normalize(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String trimmed = value.strip();
        return trimmed.length() <= MAX_VALUE_LENGTH ? trimmed : trimmed.substring(0, MAX_VALUE_LENGTH);
    }
}
