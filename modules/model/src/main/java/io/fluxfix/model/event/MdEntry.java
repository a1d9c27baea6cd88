package io.fluxfix.model.event;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;

import java.util.Objects;

/**
 * One entry of a snapshot or an incremental update.
 *
 * @param action         null in a snapshot; what happened in an incremental update
 * @param type           bid, offer or trade
 * @param entryId        L2: {@code B<price>} / {@code O<price>}; L3: the order id; trades: venue's id or null
 * @param price          entry price
 * @param size           entry size (0 on a delete that removed the entry)
 * @param entryTime      nanoseconds of the UTC day of the venue's entry time, or {@link Stamp#NO_TIME}
 * @param timestamp      L3: event time, nanoseconds since the epoch, or {@link Stamp#NO_TIME}
 * @param queueTime      L3: when the order joined its price level (its queue priority), epoch nanoseconds,
 *                       or {@link Stamp#NO_TIME}
 * @param takerOrdType   trades: the taker's order type (market or limit), else null
 * @param aggressorSide  trades: the taker's side, else null
 */
public record MdEntry(
        MdUpdateAction action,
        MdEntryType type,
        String entryId,
        Decimal price,
        Decimal size,
        long entryTime,
        long timestamp,
        long queueTime,
        OrdType takerOrdType,
        Side aggressorSide) {

    public MdEntry {
        Objects.requireNonNull(type, "type");
    }

    /** A book entry of a snapshot. */
    public static MdEntry level(MdEntryType type, String entryId, Decimal price, Decimal size, long entryTime) {
        return new MdEntry(null, type, entryId, price, size, entryTime, Stamp.NO_TIME, Stamp.NO_TIME, null, null);
    }

    /** A book change of an incremental update. */
    public static MdEntry update(MdUpdateAction action, MdEntryType type, String entryId, Decimal price,
                                 Decimal size, long entryTime) {
        return new MdEntry(Objects.requireNonNull(action, "action"), type, entryId, price, size, entryTime,
                Stamp.NO_TIME, Stamp.NO_TIME, null, null);
    }
}
