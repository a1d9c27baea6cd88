package io.fluxfix.journal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which records a replay or dump gives: a time range (both ends inclusive, epoch nanoseconds), a set of
 * record types and a set of sessions (empty = all). Filters look at the record header only, so records they
 * leave out are never decoded.
 */
public record ReplayFilter(long fromNanos, long toNanos, Set<RecordType> types, Set<String> sessions) {

    /** Every record. */
    public static final ReplayFilter ALL = new ReplayFilter(Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), Set.of());

    public ReplayFilter {
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        sessions = Set.copyOf(sessions);
        if (fromNanos > toNanos) {
            throw new IllegalArgumentException("the time range ends before it starts");
        }
    }

    public ReplayFilter from(Instant from) {
        return new ReplayFilter(nanos(from), toNanos, types, sessions);
    }

    public ReplayFilter to(Instant to) {
        return new ReplayFilter(fromNanos, nanos(to), types, sessions);
    }

    public ReplayFilter fromNanos(long from) {
        return new ReplayFilter(from, toNanos, types, sessions);
    }

    public ReplayFilter toNanos(long to) {
        return new ReplayFilter(fromNanos, to, types, sessions);
    }

    public ReplayFilter types(RecordType first, RecordType... more) {
        return new ReplayFilter(fromNanos, toNanos, EnumSet.of(first, more), sessions);
    }

    public ReplayFilter types(Set<RecordType> types) {
        return new ReplayFilter(fromNanos, toNanos, types, sessions);
    }

    public ReplayFilter sessions(String... names) {
        return new ReplayFilter(fromNanos, toNanos, types, Set.of(names));
    }

    /** Whether a record with this header passes. */
    public boolean accepts(RecordType type, String session, long timeNanos) {
        return timeNanos >= fromNanos && timeNanos <= toNanos
                && (types.isEmpty() || types.contains(type))
                && (sessions.isEmpty() || sessions.contains(session));
    }

    /** Epoch nanoseconds of an instant; fails outside the long range (years 1677 to 2262). */
    public static long nanos(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
