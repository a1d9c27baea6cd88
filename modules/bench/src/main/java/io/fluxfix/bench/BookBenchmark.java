package io.fluxfix.bench;

import io.fluxfix.book.L2Book;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.BookChecksum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What the order book costs:
 * <ul>
 *   <li>{@code l2Update}: one update of an {@link L2Book} holding {@code depth} levels a side — 70% a quantity
 *       change, 30% a level deleted and put back (two array shifts) — at a level drawn near the top
 *       ({@code TOP}: exponential, mean 3 levels from the best, as real feeds mostly touch the top) or anywhere
 *       ({@code UNIFORM}); run with {@code -prof gc} for bytes per update (target 0);</li>
 *   <li>{@code checksum}: Kraken's CRC32 of the top ten levels, computed after every checksummed increment, on
 *       an unchanged book (the kept digits all reused);</li>
 *   <li>{@code l2UpdateAndChecksum}: one {@code l2Update}, then the checksum — a checksummed increment's cost to
 *       the book;</li>
 *   <li>{@code l2Snapshot}: the book emptied and rebuilt with {@code depth} levels a side, best first as a
 *       snapshot lists them (what a resync costs the book), then its checksum; ns per snapshot.</li>
 * </ul>
 * {@link #kraken} makes the event stream of {@link BookReplayBenchmark}.
 * Figures in {@code docs/benchmarks.md}.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2)
public class BookBenchmark {

    static final int EVENTS = 100_000;
    static final String SYMBOL = "BTC/USD";
    private static final int UPDATES = 1 << 16;
    private static final long BEST_BID = 300_000; // 30000.0 at price scale 1
    private static final long T0 = 1_775_572_325_000_000_000L;

    @Param({"10", "1000"})
    public int depth;

    @Param({"TOP", "UNIFORM"})
    public String where;

    L2Book book;
    private int[] levels;
    private boolean[] bid;
    private boolean[] reinsert;
    private long[] qtys;
    private int next;
    private final BookChecksum crc = new BookChecksum();

    @Setup(Level.Trial)
    public void setUp() {
        book = new L2Book(SYMBOL, "md", 1, 8, Math.max(16, depth * 2));
        for (int i = 0; i < depth; i++) {
            book.set(Side.BUY, BEST_BID - i, 100_000_000L + i);
            book.set(Side.SELL, BEST_BID + 1 + i, 100_000_000L + i);
        }
        Random rnd = new Random(42);
        levels = new int[UPDATES];
        bid = new boolean[UPDATES];
        reinsert = new boolean[UPDATES];
        qtys = new long[UPDATES];
        for (int i = 0; i < UPDATES; i++) {
            int level = "TOP".equals(where) ? (int) (-Math.log(1 - rnd.nextDouble()) * 3) : rnd.nextInt(depth);
            levels[i] = Math.min(level, depth - 1);
            bid[i] = rnd.nextBoolean();
            reinsert[i] = rnd.nextInt(10) < 3;
            qtys[i] = 1 + rnd.nextInt(1_000_000_000);
        }
    }

    /** A book-10 feed: a snapshot, then increments of one or two entries near the top, each with its checksum. */
    static List<Event> kraken(Random rnd) {
        L2Book b = new L2Book(SYMBOL, "md", 1, 8);
        BookChecksum c = new BookChecksum();
        List<MdEntry> snap = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            snap.add(entry(null, MdEntryType.BID, BEST_BID - i, 50_000_000L + i));
            snap.add(entry(null, MdEntryType.OFFER, BEST_BID + 1 + i, 50_000_000L + i));
            b.set(Side.BUY, BEST_BID - i, 50_000_000L + i);
            b.set(Side.SELL, BEST_BID + 1 + i, 50_000_000L + i);
        }
        List<Event> out = new ArrayList<>(EVENTS);
        out.add(new MarketDataSnapshot(new Stamp(T0, 20_550, 1), "md", SYMBOL, snap));
        for (int n = 1; n < EVENTS; n++) {
            List<MdEntry> entries = new ArrayList<>(2);
            int k = 1 + rnd.nextInt(2);
            for (int e = 0; e < k; e++) {
                boolean isBid = rnd.nextBoolean();
                Side side = isBid ? Side.BUY : Side.SELL;
                MdEntryType type = isBid ? MdEntryType.BID : MdEntryType.OFFER;
                int level = Math.min((int) (-Math.log(1 - rnd.nextDouble()) * 3), b.depth(side) - 1);
                long px = b.price(side, level);
                if (rnd.nextInt(4) == 0 && b.depth(side) > 5) { // a level leaves, one comes in behind
                    b.remove(side, px);
                    entries.add(entry(MdUpdateAction.DELETE, type, px, 0));
                    long worst = b.price(side, b.depth(side) - 1) + (isBid ? -1 : 1);
                    long q = 1 + rnd.nextInt(1_000_000_000);
                    b.set(side, worst, q);
                    entries.add(entry(MdUpdateAction.NEW, type, worst, q));
                } else {
                    long q = 1 + rnd.nextInt(1_000_000_000);
                    b.set(side, px, q);
                    entries.add(entry(MdUpdateAction.CHANGE, type, px, q));
                }
            }
            out.add(new MarketDataIncrement(new Stamp(T0 + n * 1_000L, 20_550, n + 1), "md", SYMBOL, entries,
                    b.checksum(c)));
        }
        return out;
    }

    private static MdEntry entry(MdUpdateAction action, MdEntryType type, long px, long qty) {
        Decimal p = Decimal.of(px, 1);
        String id = (type == MdEntryType.BID ? "B" : "O") + p;
        return action == null ? MdEntry.level(type, id, p, Decimal.of(qty, 8), Stamp.NO_TIME)
                : MdEntry.update(action, type, id, p, Decimal.of(qty, 8), Stamp.NO_TIME);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long l2Update() {
        int i = next++ & (UPDATES - 1);
        Side side = bid[i] ? Side.BUY : Side.SELL;
        long px = bid[i] ? BEST_BID - levels[i] : BEST_BID + 1 + levels[i];
        if (reinsert[i]) {
            book.remove(side, px);
        }
        book.set(side, px, qtys[i]);
        return book.qty(side, 0);
    }

    /**
     * {@link #l2Update}, then the checksum: what a checksummed Kraken increment costs the book (the checksum
     * re-formats what the update changed in the top ten, if anything).
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long l2UpdateAndChecksum() {
        l2Update();
        return book.checksum(crc);
    }

    /** {@code l2Snapshot}'s quantities: a different set for every other call, so the checksum's digits change. */
    private long round;

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long l2Snapshot() {
        long q0 = 100_000_000L + (++round & 1);
        book.clear();
        for (int i = 0; i < depth; i++) {
            book.set(Side.BUY, BEST_BID - i, q0 + i);
            book.set(Side.SELL, BEST_BID + 1 + i, q0 + i);
        }
        return book.checksum(crc);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long checksum() {
        return book.checksum(crc);
    }
}
