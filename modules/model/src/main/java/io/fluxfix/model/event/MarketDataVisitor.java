package io.fluxfix.model.event;

/**
 * Receives a recorded stream without an object per market-data message: snapshots and increments as a reused
 * {@link MarketDataFrame}, every other event as its model object. The journal's
 * {@code JournalReader.replayMarketData} calls it; the book module's {@code BookReplay} implements it.
 */
public interface MarketDataVisitor {

    /** A snapshot or increment received on {@code session}; {@code frame} is valid only during the call. */
    void onMarketData(String session, MarketDataFrame frame);

    /** Any other event received on {@code session} (instrument lists, session events, executions...). */
    default void onEvent(String session, Event event) {
    }
}
