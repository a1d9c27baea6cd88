package io.fluxfix.runner.hooks;

import java.util.List;
import java.util.Map;

/**
 * What the HTTP endpoint shows, as plain records the providers fill: prices and quantities are exact decimal
 * text (no {@code double} on the way to JSON), times ISO-8601.
 */
public final class Views {

    private Views() {
    }

    /** One price level. */
    public record Level(String price, String qty) {
    }

    /**
     * One instrument's book: the best bid and ask, a few levels each side for the depth chart, and whether it is
     * fresh (its checksum agrees and it updated recently — the books decide).
     */
    public record Book(String symbol, Level bestBid, Level bestAsk, List<Level> bids, List<Level> asks,
                       String updated, boolean fresh) {
        public Book {
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }

    /** An order that is live at the venue. */
    public record OpenOrder(String clOrdId, String orderId, String strategy, String symbol, String side,
                            String price, String qty, String filled, String status) {
    }

    /** A position in one instrument or asset, with its profit and loss in the quote currency. */
    public record Position(String symbol, String qty, String avgPrice, String realisedPnl, String unrealisedPnl) {
    }

    /** One strategy's state: {@code running}, {@code paused}, {@code stopped}, with its own details. */
    public record Strategy(String id, String strategy, String state, List<String> symbols,
                           Map<String, String> details) {
        public Strategy {
            symbols = List.copyOf(symbols);
            details = Map.copyOf(details);
        }
    }

    /** A rate limit as a gauge: how much of {@code limit} is used now. */
    public record RateLimit(String name, double used, double limit) {
    }
}
