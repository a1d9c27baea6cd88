package io.fluxfix.venue.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.venue.AccountConfig;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.VenueInstrument;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recorded Kraken book as the venue's background on one instrument: the levels of a Kraken WebSocket book
 * recording (v1 {@code book-N} frames or v2 {@code book} channel messages, one per line, optionally prefixed
 * {@code <epoch seconds>: }) become resting orders of the maker account, frame by frame, at the recorded pace
 * (scaled by a speed) on the venue clock. With no client orders in the way the venue's top levels are the
 * recorded ones, so its 5041 equals the checksum Kraken sent; client orders trade against what really was
 * there.
 */
public final class RecordedMarket implements BackgroundMarket {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded book message: its time offset from the first, and the levels it sets (qty 0 = gone). */
    record Frame(long offsetNanos, boolean snapshot, List<String[]> bids, List<String[]> asks, Long checksum) {
    }

    private final MatchingEngine engine;
    private final VenueInstrument instrument;
    private final OrderOrigin maker;
    private final boolean derivatives;
    private final List<Frame> frames;
    private final int depth;
    private final double speed;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    /** The maker's resting order per side and price: its order id and quantity. */
    private final Map<Side, Map<BigDecimal, String[]>> resting = new HashMap<>();
    private long start = Stamp.NO_TIME;
    private int next;
    private long nextId = 1;
    private Long lastChecksum;
    private int skipped;

    public RecordedMarket(VenueConfig config, Market market, MatchingEngine engine, Path recording, String symbol,
                          double speed) {
        this.engine = engine;
        this.instrument = engine.instrument(symbol);
        if (instrument == null) {
            throw new IllegalArgumentException("no instrument " + symbol + " on the " + market + " engine");
        }
        this.derivatives = market == Market.DERIVATIVES;
        AccountConfig a = config.accounts().stream().filter(x -> x.name().equals(config.background().makerAccount()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no maker account"));
        this.maker = new OrderOrigin(a.name(), market == Market.SPOT || a.derivativesCompId() == null
                ? a.spotCompId() : a.derivativesCompId(), 0);
        this.speed = speed;
        this.frames = read(recording);
        this.depth = frames.stream().filter(Frame::snapshot).mapToInt(f -> Math.max(f.bids().size(), f.asks().size()))
                .findFirst().orElse(10);
        resting.put(Side.BUY, new HashMap<>());
        resting.put(Side.SELL, new HashMap<>());
    }

    public String symbol() {
        return instrument.symbol();
    }

    /** Frames read from the recording, and lines that were not book frames. */
    public int frames() {
        return frames.size();
    }

    public int skipped() {
        return skipped;
    }

    /** The checksum Kraken sent with the last frame applied, if it sent one. */
    public Long lastChecksum() {
        return lastChecksum;
    }

    public boolean finished() {
        return next == frames.size();
    }

    @Override
    public boolean isActive() {
        return !frames.isEmpty();
    }

    @Override
    public boolean isOwn(String compId) {
        return compId.equals(maker.compId());
    }

    @Override
    public boolean due(long now) {
        return next < frames.size() && (start == Stamp.NO_TIME || elapsed(now) >= frames.get(next).offsetNanos());
    }

    private long elapsed(long now) {
        return (long) ((now - start) * speed);
    }

    @Override
    public void step(long now, MatchingEngine.Output out) {
        if (start == Stamp.NO_TIME) {
            start = now;
        }
        boolean changed = false;
        while (next < frames.size() && frames.get(next).offsetNanos() <= elapsed(now)) {
            apply(frames.get(next++));
            changed = true;
        }
        if (changed) {
            // Every stale level goes before any new one comes, so a new bid never meets an old ask of its own.
            withdraw(Side.BUY, bids, now, out);
            withdraw(Side.SELL, asks, now, out);
            add(Side.BUY, bids, now, out);
            add(Side.SELL, asks, now, out);
            engine.forgetClosed(maker.account());
        }
    }

    private void apply(Frame f) {
        if (f.snapshot()) {
            bids.clear();
            asks.clear();
        }
        set(bids, f.bids());
        set(asks, f.asks());
        // a book-N subscription keeps N levels: what falls below is gone from the recorded view
        while (bids.size() > depth) {
            bids.pollLastEntry();
        }
        while (asks.size() > depth) {
            asks.pollLastEntry();
        }
        if (f.checksum() != null) {
            lastChecksum = f.checksum();
        }
    }

    private static void set(TreeMap<BigDecimal, BigDecimal> side, List<String[]> levels) {
        for (String[] l : levels) {
            BigDecimal px = new BigDecimal(l[0]);
            BigDecimal qty = new BigDecimal(l[1]);
            if (qty.signum() == 0) {
                side.remove(px);
            } else {
                side.put(px, qty);
            }
        }
    }

    /** Cancels the maker's orders whose price is no longer recorded, or whose quantity changed. */
    private void withdraw(Side side, TreeMap<BigDecimal, BigDecimal> recorded, long now, MatchingEngine.Output out) {
        Map<BigDecimal, String[]> mine = resting.get(side);
        for (var it = mine.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            BigDecimal want = recorded.get(e.getKey());
            io.fluxfix.venue.engine.Order o = engine.order(e.getValue()[0]);
            boolean open = o != null && o.isOpen();
            if (want == null || !open || want.compareTo(new BigDecimal(e.getValue()[1])) != 0) {
                if (open) {
                    engine.cancel(new CancelOrder(id(), null, e.getValue()[0], symbol(), side, now), maker, now, out);
                }
                it.remove();
            }
        }
    }

    /** Places one maker order for every recorded level that has none: the levels' recorded quantities. */
    private void add(Side side, TreeMap<BigDecimal, BigDecimal> recorded, long now, MatchingEngine.Output out) {
        Map<BigDecimal, String[]> mine = resting.get(side);
        for (Map.Entry<BigDecimal, BigDecimal> l : recorded.entrySet()) {
            if (!mine.containsKey(l.getKey())) {
                place(side, l.getKey(), l.getValue(), now, out);
            }
        }
    }

    private void place(Side side, BigDecimal price, BigDecimal qty, long now, MatchingEngine.Output out) {
        Decimal px = Decimal.parse(price.setScale(instrument.pricePrecision()).toPlainString());
        Decimal q = Decimal.parse(qty.setScale(instrument.qtyPrecision(), java.math.RoundingMode.DOWN).toPlainString());
        if (q.signum() <= 0) {
            return;
        }
        ExecInstructions inst = derivatives ? ExecInstructions.of(ExecInstruction.SINGLE_FEE) : ExecInstructions.NONE;
        NewOrder o = NewOrder.limit(id(), symbol(), side, q, px, TimeInForce.GOOD_TILL_CANCEL, inst, now);
        String[] orderId = new String[1];
        engine.submit(o, maker, false, now, (compId, er) -> {
            if (orderId[0] == null && compId.equals(maker.compId()) && o.clOrdId().equals(er.clOrdId())) {
                orderId[0] = er.order().orderId();
            }
            out.report(compId, er);
        });
        io.fluxfix.venue.engine.Order placed = orderId[0] == null ? null : engine.order(orderId[0]);
        if (placed != null && placed.isOpen()) {
            resting.get(side).put(price, new String[]{orderId[0], qty.toPlainString()});
        }
    }

    private String id() {
        return Long.toString(nextId++);
    }

    // --- reading a recording --------------------------------------------------------------------------------

    private List<Frame> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recording " + file + ": " + e.getMessage(), e);
        }
        List<Frame> parsed = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            long prefixTime = Stamp.NO_TIME;
            int colon = line.indexOf(": ");
            if (colon > 0 && line.substring(0, colon).matches("\\d+(\\.\\d+)?")) {
                prefixTime = seconds(line.substring(0, colon));
                line = line.substring(colon + 2);
            }
            Frame f = parse(line, prefixTime);
            if (f == null) {
                skipped++;
            } else {
                parsed.add(f);
            }
        }
        // Offsets from the first known time; a frame without a time has the time of the one before it (or, at
        // the start, of the first frame that has one), and time never runs backwards.
        long first = parsed.stream().mapToLong(Frame::offsetNanos).filter(t -> t != Stamp.NO_TIME).findFirst()
                .orElse(0);
        long last = first;
        List<Frame> out = new ArrayList<>(parsed.size());
        for (Frame f : parsed) {
            if (f.offsetNanos() != Stamp.NO_TIME) {
                last = Math.max(last, f.offsetNanos());
            }
            out.add(new Frame(last - first, f.snapshot(), f.bids(), f.asks(), f.checksum()));
        }
        return out;
    }

    /** A v1 or v2 book frame for this instrument, with its time in epoch nanos (or NO_TIME); null otherwise. */
    private Frame parse(String line, long prefixTime) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
        String v1Pair = symbol().replace("BTC", "XBT");
        if (n.isArray() && n.size() >= 4 && n.get(n.size() - 2).asText().startsWith("book")
                && (n.get(n.size() - 1).asText().equals(v1Pair) || n.get(n.size() - 1).asText().equals(symbol()))) {
            List<String[]> b = new ArrayList<>();
            List<String[]> a = new ArrayList<>();
            boolean snapshot = false;
            Long checksum = null;
            long time = prefixTime;
            for (int i = 1; i < n.size() - 2; i++) {
                JsonNode part = n.get(i);
                snapshot |= part.has("as") || part.has("bs");
                time = Math.max(time, levels(part.has("bs") ? part.get("bs") : part.get("b"), b));
                time = Math.max(time, levels(part.has("as") ? part.get("as") : part.get("a"), a));
                if (part.has("c")) {
                    checksum = Long.parseLong(part.get("c").asText());
                }
            }
            return new Frame(time, snapshot, b, a, checksum);
        }
        if (n.isObject() && "book".equals(n.path("channel").asText()) && n.path("data").isArray()) {
            for (JsonNode d : n.get("data")) {
                if (!symbol().equals(d.path("symbol").asText())) {
                    continue;
                }
                List<String[]> b = new ArrayList<>();
                List<String[]> a = new ArrayList<>();
                for (JsonNode l : d.path("bids")) {
                    b.add(new String[]{l.get("price").decimalValue().toPlainString(), l.get("qty").decimalValue().toPlainString()});
                }
                for (JsonNode l : d.path("asks")) {
                    a.add(new String[]{l.get("price").decimalValue().toPlainString(), l.get("qty").decimalValue().toPlainString()});
                }
                long time = d.has("timestamp") ? epochNanos(Instant.parse(d.get("timestamp").asText())) : prefixTime;
                Long checksum = d.has("checksum") ? d.get("checksum").asLong() : null;
                return new Frame(time, "snapshot".equals(n.path("type").asText()), b, a, checksum);
            }
        }
        return null;
    }

    /** v1 levels {@code [price, volume, timestamp(, "r")]} into {@code out}; returns the latest timestamp. */
    private static long levels(JsonNode side, List<String[]> out) {
        long latest = Stamp.NO_TIME;
        if (side == null) {
            return latest;
        }
        for (JsonNode l : side) {
            out.add(new String[]{l.get(0).asText(), l.get(1).asText()});
            if (l.size() > 2) {
                latest = Math.max(latest, seconds(l.get(2).asText()));
            }
        }
        return latest;
    }

    private static long seconds(String s) {
        return new BigDecimal(s).movePointRight(9).longValue();
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
