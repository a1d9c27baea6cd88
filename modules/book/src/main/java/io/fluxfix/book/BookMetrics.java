package io.fluxfix.book;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the book operators saw and did. Always counted (cheaply, readable from any thread); exported
 * as Micrometer counters only when {@link #bindTo(MeterRegistry)} is called — nothing is registered by default.
 * One instance may be shared by several operators.
 */
public final class BookMetrics {

    final LongAdder snapshots = new LongAdder();
    final LongAdder updates = new LongAdder();
    final LongAdder checksumsVerified = new LongAdder();
    final LongAdder checksumMismatches = new LongAdder();
    final LongAdder crossed = new LongAdder();
    final LongAdder badEntries = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder ignored = new LongAdder();
    final LongAdder resyncRequests = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder conflated = new LongAdder();

    /** Snapshots applied (books rebuilt). */
    public long snapshots() {
        return snapshots.sum();
    }

    /** Increments applied to a valid book. */
    public long updates() {
        return updates.sum();
    }

    /** Increments whose checksum was compared with the book. */
    public long checksumsVerified() {
        return checksumsVerified.sum();
    }

    public long checksumMismatches() {
        return checksumMismatches.sum();
    }

    public long crossed() {
        return crossed.sum();
    }

    public long badEntries() {
        return badEntries.sum();
    }

    /** Session resets (disconnect, logout) that dropped books. */
    public long resets() {
        return resets.sum();
    }

    /** Increments that arrived while their book waited for a snapshot (not applied, not verified). */
    public long ignored() {
        return ignored.sum();
    }

    public long resyncRequests() {
        return resyncRequests.sum();
    }

    /** Stale-book alerts raised by the watchdog. */
    public long stale() {
        return stale.sum();
    }

    /** Views replaced by a newer one of the same instrument before a slow consumer took them. */
    public long conflated() {
        return conflated.sum();
    }

    /** Registers these counts as {@code fluxfix.book.*} function counters in {@code registry}; returns this. */
    public BookMetrics bindTo(MeterRegistry registry) {
        counter(registry, "snapshots", snapshots, "book snapshots applied");
        counter(registry, "updates", updates, "book increments applied");
        counter(registry, "checksum.verified", checksumsVerified, "increments whose checksum matched or not");
        counter(registry, "checksum.mismatches", checksumMismatches, "checksum mismatches (book dropped, resync)");
        counter(registry, "crossed", crossed, "crossed books (dropped, resync)");
        counter(registry, "bad.entries", badEntries, "entries that could not be applied (dropped, resync)");
        counter(registry, "resets", resets, "session resets that dropped books");
        counter(registry, "ignored", ignored, "increments ignored while a book awaited its snapshot");
        counter(registry, "resync.requests", resyncRequests, "resubscriptions requested");
        counter(registry, "stale", stale, "stale-book alerts");
        counter(registry, "conflated", conflated, "views conflated for a slow consumer");
        return this;
    }

    private static void counter(MeterRegistry registry, String name, LongAdder adder, String description) {
        FunctionCounter.builder("fluxfix.book." + name, adder, LongAdder::sum).description(description)
                .register(registry);
    }
}
