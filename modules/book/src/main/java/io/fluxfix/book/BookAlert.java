package io.fluxfix.book;

/**
 * Why a book is not shown, or no longer trusted.
 *
 * @param kind     what happened
 * @param symbol   the instrument; null for a {@link Kind#RESET} of a whole subscription
 * @param mdReqId  the subscription, may be null
 * @param nanos    when (the event's receive time; the scheduler's clock for {@link Kind#STALE})
 * @param expected {@link Kind#CHECKSUM_MISMATCH}: the venue's checksum; else -1
 * @param actual   {@link Kind#CHECKSUM_MISMATCH}: the book's; else -1
 * @param detail   a sentence for logs
 */
public record BookAlert(Kind kind, String symbol, String mdReqId, long nanos, long expected, long actual,
                        String detail) implements BookEvent {

    public enum Kind {
        /** Kraken's checksum (5041) disagrees with the book: the book was dropped and a resync requested. */
        CHECKSUM_MISMATCH,
        /** The best bid reached the best ask after a whole update: the book was dropped and a resync requested. */
        CROSSED,
        /** An entry could not be applied (a price or quantity finer than the precision, no price): dropped, resync. */
        BAD_ENTRY,
        /** The session went down (or the subscription was reset): books wait for their next snapshot. */
        RESET,
        /** Connected, but no update for the configured time. */
        STALE
    }
}
