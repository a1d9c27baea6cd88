package io.fluxfix.model.event;

import java.util.List;
import java.util.Objects;

/**
 * Incremental changes for one symbol, to be applied in order, and Kraken's CRC32 checksum of the top ten
 * levels after them (when the update touched the book).
 *
 * @param checksum the unsigned CRC32, or {@link #NO_CHECKSUM}
 */
public record MarketDataIncrement(Stamp stamp, String mdReqId, String symbol, List<MdEntry> entries, long checksum)
        implements MarketDataEvent {

    public static final long NO_CHECKSUM = -1;

    public MarketDataIncrement {
        Objects.requireNonNull(stamp, "stamp");
        entries = List.copyOf(entries);
        if (checksum < NO_CHECKSUM || checksum > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("checksum " + checksum + " is not an unsigned 32-bit value");
        }
    }

    public boolean hasChecksum() {
        return checksum != NO_CHECKSUM;
    }
}
