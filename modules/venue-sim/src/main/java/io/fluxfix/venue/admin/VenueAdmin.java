package io.fluxfix.venue.admin;

/**
 * What the admin endpoint can ask of the venue.
 *
 * <p>{@link AdminServer} calls these methods on Reactor's {@code boundedElastic} scheduler, never on a Netty
 * event loop, so they may block; they may be called from several threads at once.
 */
public interface VenueAdmin {

    /**
     * A JSON-serialisable snapshot of the venue: sessions, open orders per account and instrument,
     * balances/positions, rate counters. Records, maps, lists, strings, numbers, booleans.
     */
    Object state();

    /** Trigger the daily rollover now (sessions logged out, sequence numbers reset). */
    void rolloverNow();

    /**
     * Set an instrument's trading status, e.g. "cancel_only"; throws IllegalArgumentException with a one-line
     * message for an unknown symbol or status.
     */
    void setInstrumentStatus(String symbol, String status);

    /**
     * Set the venue-wide trading mode (maintenance, online, cancel_only, post_only); IllegalArgumentException as
     * above.
     */
    void setTradingMode(String mode);

    /**
     * Set the index price that 388=1 trigger orders of {@code symbol} watch (a decimal string), or "last" to let
     * it follow the last trade again; IllegalArgumentException as above.
     */
    void setIndexPrice(String symbol, String price);
}
