package io.fluxfix.model.event;

/**
 * One market-data snapshot or incremental refresh read in place: its entries' fields as primitives and enum
 * constants, without an {@link MdEntry} or {@link io.fluxfix.model.Decimal} per entry. A reader reuses one frame
 * for every message, so a frame is valid only during the call it is handed to; {@link MarketDataIncrement} and
 * {@link MarketDataSnapshot} carry the same content as objects.
 *
 * <p>Prices and sizes are a mantissa and a scale (the decimal {@code unscaled × 10^-scale}); a scale of
 * {@link #ABSENT} means the entry has none.
 */
public interface MarketDataFrame {

    /** The scale of an absent price or size. */
    int ABSENT = -1;

    /** True for a full refresh (35=W), false for an incremental one (35=X). */
    boolean isSnapshot();

    /** When the message was received (the event's stamp). */
    long receivedNanos();

    String mdReqId();

    String symbol();

    int entryCount();

    /** Null in a snapshot. */
    MdUpdateAction action(int entry);

    MdEntryType type(int entry);

    long priceUnscaled(int entry);

    /** The price's scale, or {@link #ABSENT}. */
    int priceScale(int entry);

    long sizeUnscaled(int entry);

    /** The size's scale, or {@link #ABSENT}. */
    int sizeScale(int entry);

    /** The entry id (278), or null; may build a String. */
    String entryId(int entry);

    long queueTime(int entry);

    /** The entry as a model object (for messages and tests: it allocates). */
    MdEntry entry(int entry);

    /** Kraken's checksum of an increment, or {@link MarketDataIncrement#NO_CHECKSUM}; always that for a snapshot. */
    long checksum();

    default boolean hasChecksum() {
        return checksum() != MarketDataIncrement.NO_CHECKSUM;
    }
}
