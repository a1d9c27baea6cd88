package io.fluxfix.journal.internal;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.MarketDataFrame;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;

import java.util.Arrays;

/**
 * A market-data record decoded into reused primitive arrays ({@link RecordCodec#readMarketData}): nothing is
 * allocated per record once the arrays have grown to the largest message, except an entry id when asked for
 * ({@link #entryId}, decoded from the record bytes, which stay loaded until the next record). Only what a book
 * reads is decoded up front — action and type (as their codes), price, size, queue time; the other fields of
 * an entry (entry time, timestamp, taker order type, aggressor side: {@link #entry}) are read from the record
 * bytes when asked for, their codes having been checked by the decode.
 */
public final class RecordFrame implements MarketDataFrame {

    boolean snapshot;
    long receivedNanos;
    String mdReqId;
    String symbol;
    long checksum;
    int count;
    private static final MdUpdateAction[] ACTIONS = MdUpdateAction.values();
    private static final MdEntryType[] TYPES = MdEntryType.values();
    private static final OrdType[] ORD_TYPES = OrdType.values();
    private static final Side[] SIDES = Side.values();

    /** Enum codes as written: 0 null, else ordinal + 1 (checked against the enum by the decode). */
    byte[] actions = new byte[8];
    byte[] types = new byte[8];
    long[] prices = new long[8];
    byte[] priceScales = new byte[8];
    long[] sizes = new long[8];
    byte[] sizeScales = new byte[8];
    long[] entryIds = new long[8];
    long[] queueTimes = new long[8];
    /** Where each entry's entry time starts in the record (then timestamp, queue time, order type, side). */
    int[] tails = new int[8];
    private RecordSource source;
    /** Each field its own cache, so that a replay of one stream finds its string at the first compare. */
    final Utf8Cache mdReqIds = new Utf8Cache();
    final Utf8Cache symbols = new Utf8Cache();

    void start(RecordSource source, boolean snapshot, long receivedNanos, int count) {
        if (this.source != source) { // no reference store (GC barrier) when unchanged: always, in a replay
            this.source = source;
        }
        this.snapshot = snapshot;
        this.receivedNanos = receivedNanos;
        this.count = count;
        this.checksum = MarketDataIncrement.NO_CHECKSUM;
        if (count > prices.length) {
            grow(count);
        }
    }

    /** Out of {@link #start}, so that the per-record call stays small enough to inline. */
    private void grow(int count) {
        {
            int n = Math.max(count, prices.length * 2);
            actions = Arrays.copyOf(actions, n);
            types = Arrays.copyOf(types, n);
            prices = Arrays.copyOf(prices, n);
            priceScales = Arrays.copyOf(priceScales, n);
            sizes = Arrays.copyOf(sizes, n);
            sizeScales = Arrays.copyOf(sizeScales, n);
            entryIds = Arrays.copyOf(entryIds, n);
            queueTimes = Arrays.copyOf(queueTimes, n);
            tails = Arrays.copyOf(tails, n);
        }
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
        return count;
    }

    @Override
    public MdUpdateAction action(int entry) {
        return of(ACTIONS, actions[check(entry)]);
    }

    @Override
    public MdEntryType type(int entry) {
        return of(TYPES, types[check(entry)]);
    }

    private static <E> E of(E[] values, int code) {
        return code == 0 ? null : values[code - 1];
    }

    @Override
    public long priceUnscaled(int entry) {
        return prices[check(entry)];
    }

    @Override
    public int priceScale(int entry) {
        return priceScales[check(entry)];
    }

    @Override
    public long sizeUnscaled(int entry) {
        return sizes[check(entry)];
    }

    @Override
    public int sizeScale(int entry) {
        return sizeScales[check(entry)];
    }

    @Override
    public String entryId(int entry) {
        return source.utf8At(entryIds[check(entry)]);
    }

    @Override
    public long queueTime(int entry) {
        return queueTimes[check(entry)];
    }

    @Override
    public MdEntry entry(int entry) {
        int i = check(entry);
        int t = tails[i];
        return new MdEntry(action(i), type(i), entryId(i), decimal(prices[i], priceScales[i]),
                decimal(sizes[i], sizeScales[i]), source.longAt(t), source.longAt(t + 8), queueTimes[i],
                of(ORD_TYPES, source.byteAt(t + 24)), of(SIDES, source.byteAt(t + 25)));
    }

    private static Decimal decimal(long unscaled, int scale) {
        return scale < 0 ? null : Decimal.of(unscaled, scale);
    }

    @Override
    public long checksum() {
        return checksum;
    }

    private int check(int entry) {
        if (entry < 0 || entry >= count) {
            throw new IndexOutOfBoundsException("entry " + entry + " of " + count);
        }
        return entry;
    }

    @Override
    public String toString() {
        return (snapshot ? "snapshot " : "increment ") + symbol + " (" + mdReqId + "), " + count + " entries";
    }
}
