package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.kraken.BookChecksum;

import java.util.HashMap;
import java.util.Map;

/**
 * The books of one market-data subscription and the rules around them: rebuild from every snapshot, apply
 * increments, verify Kraken's checksum, drop a book known to be wrong and ask for a resync, drop every book
 * when the session goes down. {@link #onEvent} answers each event with at most one {@link BookEvent} (a view
 * of the changed book, or an alert) or null. Single-threaded: one per operator subscription.
 */
final class BookKeeper {

    private final boolean level3;
    private final BookResync resync;
    private final BookMetrics metrics;
    private final Map<String, int[]> precisions;
    private final Map<String, Slot> slots = new HashMap<>();
    /**
     * The slot last looked up and the String instance it was looked up by: a stream's symbols come from a
     * decoder's string cache (the same instance for every event of an instrument), so an identity compare
     * usually answers before the map. Slots are never removed, so the pair stays right.
     */
    private String lastSymbol;
    private Slot lastSlot;
    private final BookChecksum crc = new BookChecksum();
    private final EventFrame eventFrame = new EventFrame();
    /** The last checksum compared, with {@link #lastExpected}: for audits and tests. */
    private long lastActual = -1;
    private long lastExpected = -1;

    BookKeeper(boolean level3, Map<String, int[]> precisions, BookResync resync, BookMetrics metrics) {
        this.level3 = level3;
        this.precisions = new HashMap<>(precisions);
        this.resync = resync;
        this.metrics = metrics;
    }

    /** One instrument's book and whether it may be shown. */
    private static final class Slot {
        final String symbol;
        String mdReqId;
        L2Book l2;
        L3Book l3;
        boolean valid;
        /** Scales seen to be needed by entries that did not fit (widen the next inferred precision). */
        int minPriceScale;
        int minQtyScale;

        Slot(String symbol) {
            this.symbol = symbol;
        }

        BookView view() {
            return l2 != null ? l2.view() : l3.view();
        }

        /** The view's {@link BookView#isCrossed()}, without the view's level walk for an L2 book. */
        boolean isCrossed() {
            return l2 != null ? l2.isCrossed() : l3.view().isCrossed();
        }

        void clear() {
            if (l2 != null) {
                l2.clear();
            }
            if (l3 != null) {
                l3.clear();
            }
        }
    }

    /** Thrown inside {@link #apply} for an entry that cannot be applied; never escapes this class. */
    private static final class BadEntry extends Exception {
        BadEntry(String message) {
            super(message, null, false, false);
        }
    }

    BookEvent onEvent(Event event) {
        if (event instanceof MarketDataIncrement inc) {
            return onIncrement(eventFrame.wrap(inc));
        }
        if (event instanceof MarketDataSnapshot snap) {
            return onSnapshot(eventFrame.wrap(snap));
        }
        if (event instanceof InstrumentList list) {
            for (Instrument i : list.instruments()) {
                precisions.put(i.symbol(), new int[] {i.effectiveMdPricePrecision(), i.qtyPrecision()});
            }
            return null;
        }
        if (event instanceof SessionEvent.Disconnected || event instanceof SessionEvent.LoggedOut) {
            return reset(event.stamp().receivedNanos(), "session " + ((SessionEvent) event).session() + " went down");
        }
        return null;
    }

    private BookEvent reset(long nanos, String why) {
        int dropped = 0;
        for (Slot s : slots.values()) {
            if (s.valid) {
                s.valid = false;
                s.clear();
                dropped++;
            }
        }
        if (dropped == 0) {
            return null;
        }
        metrics.resets.increment();
        return new BookAlert(BookAlert.Kind.RESET, null, null, nanos, -1, -1,
                why + ": " + dropped + " book" + (dropped == 1 ? "" : "s") + " wait for a snapshot");
    }

    /** A snapshot or increment read in place (a journal replay); the same rules as {@link #onEvent}. */
    BookEvent onFrame(MarketDataFrame frame) {
        return frame.isSnapshot() ? onSnapshot(frame) : onIncrement(frame);
    }

    private BookEvent onSnapshot(MarketDataFrame snap) {
        Slot s = slots.computeIfAbsent(snap.symbol(), Slot::new);
        remember(snap.symbol(), s);
        s.mdReqId = snap.mdReqId();
        ensureBook(s, snap);
        s.clear();
        long nanos = snap.receivedNanos();
        try {
            apply(s, snap, true);
        } catch (BadEntry e) {
            return drop(s, BookAlert.Kind.BAD_ENTRY, nanos, -1, -1, e.getMessage());
        }
        markApplied(s, nanos, true);
        metrics.snapshots.increment();
        s.valid = true;
        if (s.isCrossed()) {
            return drop(s, BookAlert.Kind.CROSSED, nanos, -1, -1, "snapshot is crossed: " + s.view());
        }
        return s.view();
    }

    private BookEvent onIncrement(MarketDataFrame inc) {
        Slot s = slot(inc.symbol());
        if (s == null || !s.valid) {
            if (touchesBook(inc)) {
                metrics.ignored.increment();
            }
            return null;
        }
        long nanos = inc.receivedNanos();
        boolean changed;
        try {
            changed = apply(s, inc, false);
        } catch (BadEntry e) {
            return drop(s, BookAlert.Kind.BAD_ENTRY, nanos, -1, -1, e.getMessage());
        }
        boolean checked = inc.hasChecksum();
        if (!changed && !checked) {
            return null; // trades only
        }
        markApplied(s, nanos, false);
        metrics.updates.increment();
        if (checked) {
            long actual = s.l2 != null ? s.l2.checksum(crc) : s.l3.checksum(crc);
            metrics.checksumsVerified.increment();
            lastExpected = inc.checksum();
            lastActual = actual;
            if (actual != inc.checksum()) {
                metrics.checksumMismatches.increment();
                return drop(s, BookAlert.Kind.CHECKSUM_MISMATCH, nanos, inc.checksum(), actual,
                        "checksum " + inc.checksum() + " expected, the book gives " + actual);
            }
        }
        if (s.isCrossed()) {
            return drop(s, BookAlert.Kind.CROSSED, nanos, -1, -1, "book crossed: " + s.view());
        }
        return s.view();
    }

    /** {@code symbol}'s slot, or null (also for a null symbol): the last one by identity, else the map. */
    private Slot slot(String symbol) {
        if (symbol == lastSymbol && symbol != null) {
            return lastSlot;
        }
        Slot s = symbol == null ? null : slots.get(symbol);
        if (s != null) {
            remember(symbol, s);
        }
        return s;
    }

    private void remember(String symbol, Slot s) {
        lastSymbol = symbol;
        lastSlot = s;
    }

    private BookAlert drop(Slot s, BookAlert.Kind kind, long nanos, long expected, long actual, String detail) {
        s.valid = false;
        s.clear();
        if (kind == BookAlert.Kind.CROSSED) {
            metrics.crossed.increment();
        } else if (kind == BookAlert.Kind.BAD_ENTRY) {
            metrics.badEntries.increment();
        }
        metrics.resyncRequests.increment();
        resync.request(s.mdReqId, s.symbol, detail);
        return new BookAlert(kind, s.symbol, s.mdReqId, nanos, expected, actual, detail);
    }

    private static void markApplied(Slot s, long nanos, boolean snapshot) {
        if (s.l2 != null) {
            s.l2.applied(nanos, snapshot);
        } else {
            s.l3.applied(nanos, snapshot);
        }
    }

    static boolean touchesBook(MarketDataFrame entries) {
        for (int i = 0; i < entries.entryCount(); i++) {
            if (entries.type(i) != MdEntryType.TRADE) {
                return true;
            }
        }
        return false;
    }

    /** Makes sure the slot has a book at the right precisions (the instrument's, or inferred from the entries). */
    private void ensureBook(Slot s, MarketDataFrame entries) {
        int[] p = precisions.get(s.symbol);
        int priceScale;
        int qtyScale;
        if (p != null) {
            priceScale = p[0];
            qtyScale = p[1];
        } else {
            priceScale = s.minPriceScale;
            qtyScale = s.minQtyScale;
            for (int i = 0; i < entries.entryCount(); i++) {
                priceScale = Math.max(priceScale, entries.priceScale(i));
                qtyScale = Math.max(qtyScale, entries.sizeScale(i));
            }
        }
        boolean same = s.l2 != null ? s.l2.priceScale() == priceScale && s.l2.qtyScale() == qtyScale
                : s.l3 != null && s.l3.priceScale() == priceScale && s.l3.qtyScale() == qtyScale;
        if (!same) {
            if (level3) {
                s.l3 = new L3Book(s.symbol, s.mdReqId, priceScale, qtyScale);
            } else {
                s.l2 = new L2Book(s.symbol, s.mdReqId, priceScale, qtyScale);
            }
        }
    }

    /**
     * Applies entries in order; returns whether any touched the book. An L2 entry sets its level (a delete or a
     * zero size removes it); an L3 entry adds, changes or removes its order.
     */
    private boolean apply(Slot s, MarketDataFrame entries, boolean snapshot) throws BadEntry {
        L2Book l2 = s.l2;
        L3Book l3 = s.l3;
        boolean changed = false;
        int priceScale = l2 != null ? l2.priceScale() : l3.priceScale();
        int qtyScale = l2 != null ? l2.qtyScale() : l3.qtyScale();
        int count = entries.entryCount();
        for (int i = 0; i < count; i++) {
            MdEntryType type = entries.type(i);
            if (type == MdEntryType.TRADE) {
                continue;
            }
            MdUpdateAction action = snapshot ? MdUpdateAction.NEW : entries.action(i);
            if (action == null) {
                throw new BadEntry("entry without an update action in an increment: " + entries.entry(i));
            }
            long price = price(s, entries, i, priceScale);
            long qty = action == MdUpdateAction.DELETE ? 0 : qty(s, entries, i, qtyScale);
            changed = true;
            try {
                if (l2 != null) {
                    l2.set(type == MdEntryType.BID, price, qty);
                } else if (action == MdUpdateAction.DELETE || qty == 0) {
                    l3.remove(orderId(entries, i));
                } else {
                    String id = orderId(entries, i);
                    Side side = type == MdEntryType.BID ? Side.BUY : Side.SELL;
                    if (action == MdUpdateAction.CHANGE && l3.contains(id)) {
                        l3.change(id, price, qty, entries.queueTime(i));
                    } else {
                        l3.add(side, id, price, qty, entries.queueTime(i));
                    }
                }
            } catch (IllegalArgumentException bad) {
                throw new BadEntry(bad.getMessage());
            }
        }
        return changed;
    }

    private static String orderId(MarketDataFrame entries, int i) throws BadEntry {
        String id = entries.entryId(i);
        if (id == null) {
            throw new BadEntry("L3 entry without an order id (278): " + entries.entry(i));
        }
        return id;
    }

    private long price(Slot s, MarketDataFrame entries, int i, int scale) throws BadEntry {
        int from = entries.priceScale(i);
        if (from != MarketDataFrame.ABSENT) {
            return mantissa(s, entries.priceUnscaled(i), from, scale, true);
        }
        // L2 deletes may carry only the entry id: B<price> / O<price>.
        String id = entries.entryId(i);
        if (!level3 && id != null && id.length() > 1 && (id.charAt(0) == 'B' || id.charAt(0) == 'O')) {
            try {
                return Decimal.parseUnscaled(id, 1, id.length(), scale);
            } catch (NumberFormatException bad) {
                throw new BadEntry("entry id " + id + " carries no price at precision " + scale);
            }
        }
        throw new BadEntry("entry without a price: " + entries.entry(i));
    }

    /** The entry's size at the book's scale, 0 when it has none. */
    private static long qty(Slot s, MarketDataFrame entries, int i, int scale) throws BadEntry {
        int from = entries.sizeScale(i);
        return from == MarketDataFrame.ABSENT ? 0 : mantissa(s, entries.sizeUnscaled(i), from, scale, false);
    }

    private static long mantissa(Slot s, long unscaled, int fromScale, int scale, boolean price) throws BadEntry {
        if (fromScale == scale) {
            return unscaled; // the usual case: the feed writes the instrument's precision
        }
        try {
            return Decimal.rescale(unscaled, fromScale, scale);
        } catch (ArithmeticException tooFine) {
            if (price) {
                s.minPriceScale = Math.max(s.minPriceScale, fromScale);
            } else {
                s.minQtyScale = Math.max(s.minQtyScale, fromScale);
            }
            throw new BadEntry((price ? "price " : "quantity ") + Decimal.of(unscaled, fromScale)
                    + " is finer than the book's precision " + scale);
        }
    }

    /** {@code symbol}'s book if it is valid, else null. */
    BookView view(String symbol) {
        Slot s = slots.get(symbol);
        return s != null && s.valid ? s.view() : null;
    }

    long lastExpected() {
        return lastExpected;
    }

    long lastActual() {
        return lastActual;
    }
}
