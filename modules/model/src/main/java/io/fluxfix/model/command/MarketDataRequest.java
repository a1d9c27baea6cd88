package io.fluxfix.model.command;

import io.fluxfix.model.event.MdEntryType;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Subscribes to (or unsubscribes from) books and trades.
 *
 * @param depth             0 = full book; else the number of levels
 * @param incrementalOnly   Kraken supports only incremental updates; null when not stated
 * @param aggregated        true = L2 (price levels), false = L3 (orders); null when not stated (L2)
 */
public record MarketDataRequest(String mdReqId, SubscriptionType subscriptionType, int depth,
                                Boolean incrementalOnly, Boolean aggregated, Set<MdEntryType> entryTypes,
                                List<String> symbols) implements Command {

    public MarketDataRequest {
        Objects.requireNonNull(mdReqId, "mdReqId");
        Objects.requireNonNull(subscriptionType, "subscriptionType");
        entryTypes = entryTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(entryTypes));
        symbols = List.copyOf(symbols);
    }

    /** An L2 subscription to bids, offers and trades. */
    public static MarketDataRequest l2(String mdReqId, int depth, List<String> symbols) {
        return new MarketDataRequest(mdReqId, SubscriptionType.SNAPSHOT_AND_UPDATES, depth, true, true,
                EnumSet.allOf(MdEntryType.class), symbols);
    }

    /** An L3 (order-by-order) subscription; Kraken allows no trades on L3. */
    public static MarketDataRequest l3(String mdReqId, int depth, List<String> symbols) {
        return new MarketDataRequest(mdReqId, SubscriptionType.SNAPSHOT_AND_UPDATES, depth, true, false,
                EnumSet.of(MdEntryType.BID, MdEntryType.OFFER), symbols);
    }

    public boolean isLevel3() {
        return Boolean.FALSE.equals(aggregated);
    }
}
