package io.fluxfix.book;

/**
 * The port through which a book asks its feed for a fresh snapshot: the book module knows no session, so the
 * session side implements this (typically: unsubscribe and subscribe again). Called on the thread that
 * delivered the bad update; an implementation must not block (hand the work to the session's scheduler).
 */
@FunctionalInterface
public interface BookResync {

    /** Does nothing: the book stays dropped until the feed sends a snapshot by itself (e.g. after a reconnect). */
    BookResync NONE = (mdReqId, symbol, reason) -> { };

    /**
     * Asks for {@code symbol} of subscription {@code mdReqId} to be resubscribed.
     *
     * @param reason what was wrong, e.g. {@code checksum 1234 expected, book has 5678}
     */
    void request(String mdReqId, String symbol, String reason);
}
