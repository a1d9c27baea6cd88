package io.fluxfix.book.kraken;

import java.util.List;

/**
 * What an import read and verified.
 *
 * @param framesRead         non-blank lines read
 * @param framesSkipped      lines that were not book or trade frames (status, heartbeats, subscriptions,
 *                           other channels, unreadable JSON), or not of the pairs asked for
 * @param snapshots          book snapshots
 * @param updates            book updates
 * @param trades             trade frames
 * @param checksumsVerified  checksums carried by the recording and compared with the rebuilt book (the
 *                           v2 snapshot's included)
 * @param checksumMismatches of those, the ones that disagreed
 * @param notVerified        book updates that arrived while their book waited for a snapshot (after a mismatch
 *                           or before the first snapshot): journaled, not verified
 * @param eventsWritten      events handed to the journal
 */
public record ImportSummary(long framesRead, long framesSkipped, long snapshots, long updates, long trades,
                            long checksumsVerified, long checksumMismatches, long notVerified, long eventsWritten) {

    /** One line per figure, as the CLI prints them. */
    public List<String> lines() {
        return List.of(
                "frames read: " + framesRead,
                "frames skipped: " + framesSkipped,
                "snapshots: " + snapshots,
                "updates: " + updates,
                "trades: " + trades,
                "events journaled: " + eventsWritten,
                "updates not verified: " + notVerified,
                "checksums verified: " + checksumsVerified,
                "checksum mismatches: " + checksumMismatches);
    }

    public boolean clean() {
        return checksumMismatches == 0;
    }
}
