package io.fluxfix.book;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;

import java.util.List;

/**
 * A model snapshot or increment seen as a {@link MarketDataFrame}, so that the book keeper has one path for
 * events from a live stream and frames read straight from a journal. Reused: {@link #wrap} the next event.
 */
final class EventFrame implements MarketDataFrame {

    private boolean snapshot;
    private long receivedNanos;
    private String mdReqId;
    private String symbol;
    private List<MdEntry> entries;
    private long checksum;

    EventFrame wrap(MarketDataIncrement inc) {
        return wrap(false, inc.stamp().receivedNanos(), inc.mdReqId(), inc.symbol(), inc.entries(), inc.checksum());
    }

    EventFrame wrap(MarketDataSnapshot snap) {
        return wrap(true, snap.stamp().receivedNanos(), snap.mdReqId(), snap.symbol(), snap.entries(),
                MarketDataIncrement.NO_CHECKSUM);
    }

    private EventFrame wrap(boolean snapshot, long nanos, String mdReqId, String symbol, List<MdEntry> entries,
                            long checksum) {
        this.snapshot = snapshot;
        this.receivedNanos = nanos;
        this.mdReqId = mdReqId;
        this.symbol = symbol;
        this.entries = entries;
        this.checksum = checksum;
        return this;
    }

    @Override
    public boolean isSnapshot() {
        return snapshot;
    }

    @Override
    public long receivedNanos() {
        return receivedNanos;
    }

    @Override
    public String mdReqId() {
        return mdReqId;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public int entryCount() {
        return entries.size();
    }

    @Override
    public MdUpdateAction action(int entry) {
        return entries.get(entry).action();
    }

    @Override
    public MdEntryType type(int entry) {
        return entries.get(entry).type();
    }

    @Override
    public long priceUnscaled(int entry) {
        Decimal d = entries.get(entry).price();
        return d == null ? 0 : d.unscaled();
    }

    @Override
    public int priceScale(int entry) {
        Decimal d = entries.get(entry).price();
        return d == null ? ABSENT : d.scale();
    }

    @Override
    public long sizeUnscaled(int entry) {
        Decimal d = entries.get(entry).size();
        return d == null ? 0 : d.unscaled();
    }

    @Override
    public int sizeScale(int entry) {
        Decimal d = entries.get(entry).size();
        return d == null ? ABSENT : d.scale();
    }

    @Override
    public String entryId(int entry) {
        return entries.get(entry).entryId();
    }

    @Override
    public long queueTime(int entry) {
        return entries.get(entry).queueTime();
    }

    @Override
    public MdEntry entry(int entry) {
        return entries.get(entry);
    }

    @Override
    public long checksum() {
        return checksum;
    }
}
