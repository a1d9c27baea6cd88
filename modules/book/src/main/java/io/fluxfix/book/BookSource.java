package io.fluxfix.book;

import io.fluxfix.model.Side;

/** What a {@link LiveView} reads: the query side of {@link L2Book} and {@link L3Book} (see {@link BookView}). */
interface BookSource {

    String symbol();

    String mdReqId();

    int priceScale();

    int qtyScale();

    boolean isLevel3();

    int depth(Side side);

    long price(Side side, int level);

    long qty(Side side, int level);

    long qtyAt(Side side, long price);

    int orders(Side side, int level);

    String orderId(Side side, int level, int index);

    long orderQty(Side side, int level, int index);

    int ordersAhead(String orderId);

    long qtyAhead(String orderId);

    long updateNanos();

    long updatesSinceSnapshot();
}
