package io.fluxfix.book.kraken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.fluxfix.book.ChecksumAudit;
import io.fluxfix.book.L2Book;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.BookChecksum;
import io.fluxfix.model.kraken.TradingDay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports Kraken WebSocket recordings — v1 {@code book-N} and {@code trade} frames, v2 {@code book} and
 * {@code trade} channel messages — as ordinary market-data events: a {@link MarketDataSnapshot} per book
 * snapshot, a {@link MarketDataIncrement} per book update (with the frame's checksum) or trade frame.
 *
 * <p>Each input line is a bare JSON frame or {@code <epoch seconds>: <JSON frame>}. Events keep their original
 * time: the line's prefix, else the frame's own (v2 {@code timestamp}; v1 the latest level or trade time),
 * else that of the next frame that has one. Anything that is not a book or trade frame is skipped and counted.
 *
 * <p>Kraken keeps a WebSocket book at its subscribed depth by having the client truncate it after each update;
 * the import writes those truncations out as FIX-style deletes with the level's size (279=2 with 271&gt;0: the
 * level left the subscribed depth), so the journal rebuilds the same book without knowing the depth. The depth
 * is the v1 channel's ({@code book-10}); for v2 the smallest Kraken depth (10, 25, 100, 500, 1000) that holds
 * the snapshot.
 *
 * <p>Precision: v1 checksums are computed over the price and quantity strings as sent, so v1 uses the strings'
 * own decimals. v2 sends JSON numbers ({@code 4.0} for 4.00000000): its precisions come from an AssetPairs file
 * when given, else from the most decimals written in the snapshot (reported as a note).
 *
 * <p>Every checksum the recording carries is verified: the v2 snapshot's against the book just built, every
 * update's through {@link ChecksumAudit} (the book operators' rules) over the very events handed out.
 */
public final class KrakenWsImport {

    /** The journal session name imported events go under. */
    public static final String SESSION = "kraken-ws";
    /** MDReqID prefix of imported subscriptions: {@code kraken-ws:book-10}, {@code kraken-ws:trade}. */
    public static final String REQ_PREFIX = "kraken-ws:";
    private static final int[] V2_DEPTHS = {10, 25, 100, 500, 1000};

    private final AssetPairs assetPairs;
    private final Set<String> pairs;
    private final Consumer<Event> out;
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false); // 4.0 stays 4.0, as sent
    private final ChecksumAudit audit = new ChecksumAudit(20);
    private final BookChecksum crc = new BookChecksum();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Feed> feeds = new HashMap<>();
    private final List<Event> waitingForTime = new ArrayList<>();
    private final Set<String> precisionNoted = new HashSet<>();

    private long framesRead;
    private long framesSkipped;
    private long snapshots;
    private long updates;
    private long trades;
    private long snapshotChecksums;
    private long snapshotMismatches;
    private long written;
    private long lastNanos = Stamp.NO_TIME;
    private long line;

    /**
     * @param assetPairs precisions for v2 recordings, or null
     * @param pairs      the pairs to import (v1 or v2 spelling), empty for all
     * @param out        where events go, in order (the journal)
     */
    public KrakenWsImport(AssetPairs assetPairs, Set<String> pairs, Consumer<Event> out) {
        this.assetPairs = assetPairs;
        this.pairs = new HashSet<>();
        pairs.forEach(p -> this.pairs.add(AssetPairs.normalise(p.strip())));
        this.out = out;
    }

    /** One subscription's book as the recording builds it. */
    private static final class Feed {
        final String symbol;
        final String mdReqId;
        int depth;
        int priceScale = -1;
        int qtyScale = -1;
        L2Book book;

        Feed(String symbol, String mdReqId) {
            this.symbol = symbol;
            this.mdReqId = mdReqId;
        }
    }

    /** Thrown for a frame that looks like a book or trade frame but cannot be read; the frame is skipped. */
    private static final class BadFrame extends Exception {
        BadFrame(String message) {
            super(message, null, false, false);
        }
    }

    /** Imports one recording. */
    public void importFile(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            importLines(file.getFileName().toString(), in);
        } catch (NoSuchFileException e) {
            throw new ImportException(file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ImportException(file + " is not UTF-8 text");
        } catch (IOException | UncheckedIOException e) {
            throw new ImportException(file + " cannot be read: " + AssetPairs.firstLine(e.getMessage()));
        }
    }

    /** Imports the lines of one recording; {@code name} names it in notes. */
    public void importLines(String name, BufferedReader in) throws IOException {
        feeds.clear(); // a recording starts its books afresh
        line = 0;
        long frames = 0;
        long before = snapshots + updates + trades;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            framesRead++;
            frames++;
            try {
                if (!frame(text)) {
                    framesSkipped++;
                }
            } catch (BadFrame e) {
                framesSkipped++;
                note(name + " line " + line + ": skipped, " + e.getMessage());
            }
        }
        if (snapshots + updates + trades == before) {
            throw new ImportException(name + ": no Kraken WebSocket book or trade frame"
                    + (pairs.isEmpty() ? "" : " of " + String.join(",", new java.util.TreeSet<>(pairs))) + " in " + frames
                    + " line" + (frames == 1 ? "" : "s"));
        }
        long end = lastNanos == Stamp.NO_TIME ? 0 : lastNanos;
        flushWaiting(end);
        emit(new SessionEvent.Disconnected(stamp(end, 0), SESSION, "end of recording " + name));
    }

    /** The figures so far. */
    public ImportSummary summary() {
        return new ImportSummary(framesRead, framesSkipped, snapshots, updates, trades,
                audit.checksumsVerified() + snapshotChecksums, audit.checksumMismatches() + snapshotMismatches,
                audit.ignored(), written);
    }

    /** Notes for the user: precisions inferred, frames that could not be read (the first 20). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    private void note(String s) {
        if (notes.size() < 20) {
            notes.add(s);
        }
    }

    // ---- frames

    private boolean frame(String text) throws BadFrame {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        long prefixNanos = Stamp.NO_TIME;
        if (i < text.length() && Character.isDigit(text.charAt(i))) {
            int colon = text.indexOf(':', i);
            if (colon < 0) {
                return false;
            }
            try {
                prefixNanos = Decimal.parse(text.substring(i, colon).strip()).unscaledAt(9);
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
            i = colon + 1;
        }
        JsonNode root;
        try {
            root = json.readTree(text.substring(i));
        } catch (JsonProcessingException e) {
            return false;
        }
        if (root == null) {
            return false;
        }
        if (root.isArray()) {
            return v1(root, prefixNanos);
        }
        if (root.isObject() && root.has("channel") && root.get("data") != null && root.get("data").isArray()) {
            return v2(root, prefixNanos);
        }
        return false;
    }

    private boolean wanted(String symbol) {
        return pairs.isEmpty() || pairs.contains(AssetPairs.normalise(symbol));
    }

    // v1: [channelID, payload..., channelName, pair]
    private boolean v1(JsonNode frame, long prefixNanos) throws BadFrame {
        int n = frame.size();
        if (n < 4 || !frame.get(n - 2).isTextual() || !frame.get(n - 1).isTextual()) {
            return false;
        }
        String channel = frame.get(n - 2).asText();
        String symbol = frame.get(n - 1).asText();
        if (channel.startsWith("book")) {
            if (!wanted(symbol)) {
                return false;
            }
            int depth;
            try {
                depth = Integer.parseInt(channel.substring(channel.indexOf('-') + 1));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new BadFrame("book channel without a depth: " + channel);
            }
            Feed feed = feeds.computeIfAbsent(REQ_PREFIX + channel + ' ' + symbol,
                    k -> new Feed(symbol, REQ_PREFIX + channel));
            feed.depth = depth;
            List<JsonNode> payload = new ArrayList<>();
            for (int i = 1; i < n - 2; i++) {
                if (!frame.get(i).isObject()) {
                    throw new BadFrame("book frame payload is not an object");
                }
                payload.add(frame.get(i));
            }
            JsonNode first = payload.isEmpty() ? null : payload.get(0);
            if (first != null && (first.has("as") || first.has("bs"))) {
                v1Snapshot(feed, first, prefixNanos);
            } else {
                v1Update(feed, payload, prefixNanos);
            }
            return true;
        }
        if (channel.equals("trade")) {
            if (!wanted(symbol)) {
                return false;
            }
            v1Trades(frame.get(1), symbol, prefixNanos);
            return true;
        }
        return false;
    }

    private void v1Snapshot(Feed feed, JsonNode snap, long prefixNanos) throws BadFrame {
        List<Level> asks = v1Levels(snap.get("as"));
        List<Level> bids = v1Levels(snap.get("bs"));
        snapshot(feed, bids, asks, time(prefixNanos, Stamp.NO_TIME, bids, asks), true, -1);
    }

    private void v1Update(Feed feed, List<JsonNode> payload, long prefixNanos) throws BadFrame {
        if (feed.book == null) {
            throw new BadFrame("book update for " + feed.symbol + " before its snapshot");
        }
        List<Level> asks = new ArrayList<>();
        List<Level> bids = new ArrayList<>();
        long checksum = MarketDataIncrement.NO_CHECKSUM;
        for (JsonNode p : payload) {
            if (p.has("a")) {
                asks.addAll(v1Levels(p.get("a")));
            }
            if (p.has("b")) {
                bids.addAll(v1Levels(p.get("b")));
            }
            if (p.has("c")) {
                try {
                    checksum = Long.parseLong(p.get("c").asText());
                } catch (NumberFormatException e) {
                    throw new BadFrame("checksum '" + p.get("c").asText() + "' is not a number");
                }
            }
        }
        update(feed, asks, bids, checksum, time(prefixNanos, Stamp.NO_TIME, bids, asks));
    }

    /** A level as read: price, quantity (at the written scale), its time (epoch nanos) or NO_TIME. */
    private record Level(Decimal price, Decimal qty, long nanos) {
    }

    private static List<Level> v1Levels(JsonNode levels) throws BadFrame {
        return levels(levels, true);
    }

    /** v1 levels are {@code [price, volume, time(, "r")]} of strings; v2 levels {@code {price, qty}} of numbers. */
    private static List<Level> levels(JsonNode levels, boolean v1) throws BadFrame {
        List<Level> out = new ArrayList<>();
        if (levels == null) {
            return out;
        }
        if (!levels.isArray()) {
            throw new BadFrame("price levels are not an array");
        }
        for (JsonNode l : levels) {
            if (v1) {
                if (!l.isArray() || l.size() < 2) {
                    throw new BadFrame("price level is not [price, volume, time]: " + l);
                }
                long nanos = l.size() > 2 ? epochNanos(l.get(2)) : Stamp.NO_TIME;
                out.add(new Level(decimal(l.get(0), "price"), decimal(l.get(1), "volume"), nanos));
            } else {
                if (!l.isObject() || l.get("price") == null || l.get("qty") == null) {
                    throw new BadFrame("price level is not {price, qty}: " + l);
                }
                out.add(new Level(decimal(l.get("price"), "price"), decimal(l.get("qty"), "qty"), Stamp.NO_TIME));
            }
        }
        return out;
    }

    private void v1Trades(JsonNode list, String symbol, long prefixNanos) throws BadFrame {
        if (list == null || !list.isArray()) {
            throw new BadFrame("trade payload is not an array");
        }
        List<MdEntry> entries = new ArrayList<>();
        long latest = Stamp.NO_TIME;
        for (JsonNode t : list) {
            if (!t.isArray() || t.size() < 5) {
                throw new BadFrame("trade is not [price, volume, time, side, orderType, misc]: " + t);
            }
            long nanos = epochNanos(t.get(2));
            latest = Math.max(latest, nanos);
            Side side = switch (t.get(3).asText()) {
                case "b" -> Side.BUY;
                case "s" -> Side.SELL;
                default -> throw new BadFrame("trade side '" + t.get(3).asText() + "'");
            };
            OrdType type = t.get(4).asText().equals("m") ? OrdType.MARKET : OrdType.LIMIT;
            entries.add(new MdEntry(MdUpdateAction.NEW, MdEntryType.TRADE, null, decimal(t.get(0), "price"),
                    decimal(t.get(1), "volume"), nanosOfDay(nanos), Stamp.NO_TIME, Stamp.NO_TIME, type, side));
        }
        trade(symbol, entries, prefixNanos != Stamp.NO_TIME ? prefixNanos : latest);
    }

    // v2: {"channel":"book","type":"snapshot"|"update","data":[{symbol,bids,asks,checksum,timestamp}]}
    private boolean v2(JsonNode msg, long prefixNanos) throws BadFrame {
        String channel = msg.get("channel").asText();
        String type = msg.has("type") ? msg.get("type").asText() : "";
        if (channel.equals("book") && (type.equals("snapshot") || type.equals("update"))) {
            boolean any = false;
            for (JsonNode d : msg.get("data")) {
                String symbol = text(d, "symbol");
                if (!wanted(symbol)) {
                    continue;
                }
                any = true;
                long frameNanos = d.has("timestamp") ? isoNanos(d.get("timestamp").asText()) : Stamp.NO_TIME;
                long checksum = d.has("checksum") ? d.get("checksum").asLong(-1) : MarketDataIncrement.NO_CHECKSUM;
                List<Level> bids = v2Levels(d.get("bids"));
                List<Level> asks = v2Levels(d.get("asks"));
                Feed feed = feeds.computeIfAbsent(REQ_PREFIX + "book " + symbol, k -> new Feed(symbol, null));
                long nanos = time(prefixNanos, frameNanos, bids, asks);
                if (type.equals("snapshot")) {
                    feed.depth = v2Depth(Math.max(bids.size(), asks.size()));
                    snapshot(feed, bids, asks, nanos, false, checksum);
                } else {
                    if (feed.book == null) {
                        throw new BadFrame("book update for " + symbol + " before its snapshot");
                    }
                    update(feed, asks, bids, checksum, nanos);
                }
            }
            return any;
        }
        if (channel.equals("trade") && (type.equals("snapshot") || type.equals("update"))) {
            Map<String, List<MdEntry>> bySymbol = new HashMap<>();
            long latest = Stamp.NO_TIME;
            for (JsonNode t : msg.get("data")) {
                String symbol = text(t, "symbol");
                if (!wanted(symbol)) {
                    continue;
                }
                long nanos = t.has("timestamp") ? isoNanos(t.get("timestamp").asText()) : Stamp.NO_TIME;
                latest = Math.max(latest, nanos);
                Side side = switch (text(t, "side")) {
                    case "buy" -> Side.BUY;
                    case "sell" -> Side.SELL;
                    default -> throw new BadFrame("trade side '" + text(t, "side") + "'");
                };
                OrdType type2 = "market".equals(t.path("ord_type").asText()) ? OrdType.MARKET : OrdType.LIMIT;
                String id = t.has("trade_id") ? t.get("trade_id").asText() : null;
                bySymbol.computeIfAbsent(symbol, k -> new ArrayList<>()).add(new MdEntry(MdUpdateAction.NEW,
                        MdEntryType.TRADE, id, decimal(t.get("price"), "price"), decimal(t.get("qty"), "qty"),
                        nanosOfDay(nanos), Stamp.NO_TIME, Stamp.NO_TIME, type2, side));
            }
            for (Map.Entry<String, List<MdEntry>> e : bySymbol.entrySet()) {
                trade(e.getKey(), e.getValue(), prefixNanos != Stamp.NO_TIME ? prefixNanos : latest);
            }
            return !bySymbol.isEmpty();
        }
        return false;
    }

    private static int v2Depth(int levels) {
        for (int d : V2_DEPTHS) {
            if (levels <= d) {
                return d;
            }
        }
        return levels;
    }

    private static List<Level> v2Levels(JsonNode levels) throws BadFrame {
        return levels(levels, false);
    }

    // ---- books

    private void snapshot(Feed feed, List<Level> bids, List<Level> asks, long nanos, boolean v1, long checksum)
            throws BadFrame {
        if (feed.priceScale < 0) {
            precision(feed, bids, asks, v1);
        }
        String mdReqId = feed.mdReqId != null ? feed.mdReqId : REQ_PREFIX + "book-" + feed.depth;
        if (feed.book == null) {
            feed.book = new L2Book(feed.symbol, mdReqId, feed.priceScale, feed.qtyScale);
        }
        L2Book book = feed.book;
        book.clear();
        List<MdEntry> entries = new ArrayList<>(bids.size() + asks.size());
        for (Level l : bids) {
            entries.add(level(feed, MdEntryType.BID, l));
            book.set(Side.BUY, mantissa(l.price, feed.priceScale), mantissa(l.qty, feed.qtyScale));
        }
        for (Level l : asks) {
            entries.add(level(feed, MdEntryType.OFFER, l));
            book.set(Side.SELL, mantissa(l.price, feed.priceScale), mantissa(l.qty, feed.qtyScale));
        }
        snapshots++;
        if (checksum >= 0) {
            snapshotChecksums++;
            long actual = book.checksum(crc);
            if (actual != checksum) {
                snapshotMismatches++;
                note(feed.symbol + " snapshot at line " + line + ": checksum " + checksum + " expected, the book gives "
                        + actual);
            }
        }
        emit(new MarketDataSnapshot(stamp(nanos, line), book.view().mdReqId(), feed.symbol, entries));
    }

    private void update(Feed feed, List<Level> asks, List<Level> bids, long checksum, long nanos) throws BadFrame {
        L2Book book = feed.book;
        List<MdEntry> entries = new ArrayList<>(asks.size() + bids.size() + 2);
        change(feed, Side.SELL, asks, entries);
        change(feed, Side.BUY, bids, entries);
        truncate(feed, Side.SELL, entries);
        truncate(feed, Side.BUY, entries);
        updates++;
        emit(new MarketDataIncrement(stamp(nanos, line), book.view().mdReqId(), feed.symbol, entries, checksum));
    }

    private void change(Feed feed, Side side, List<Level> levels, List<MdEntry> entries) throws BadFrame {
        MdEntryType type = side == Side.BUY ? MdEntryType.BID : MdEntryType.OFFER;
        for (Level l : levels) {
            long px = mantissa(l.price, feed.priceScale);
            long qty = mantissa(l.qty, feed.qtyScale);
            Decimal price = l.price.withScale(feed.priceScale);
            Decimal size = l.qty.withScale(feed.qtyScale);
            MdUpdateAction action = qty == 0 ? MdUpdateAction.DELETE
                    : feed.book.qtyAt(side, px) > 0 ? MdUpdateAction.CHANGE : MdUpdateAction.NEW;
            entries.add(MdEntry.update(action, type, entryId(type, price), price, size, nanosOfDay(l.nanos)));
            feed.book.set(side, px, qty);
        }
    }

    // Kraken has the client cut the book back to the subscribed depth; journal the cut as deletes with size.
    private static void truncate(Feed feed, Side side, List<MdEntry> entries) {
        MdEntryType type = side == Side.BUY ? MdEntryType.BID : MdEntryType.OFFER;
        while (feed.book.depth(side) > feed.depth) {
            int worst = feed.book.depth(side) - 1;
            Decimal price = Decimal.of(feed.book.price(side, worst), feed.priceScale);
            Decimal size = Decimal.of(feed.book.qty(side, worst), feed.qtyScale);
            entries.add(MdEntry.update(MdUpdateAction.DELETE, type, entryId(type, price), price, size, Stamp.NO_TIME));
            feed.book.remove(side, feed.book.price(side, worst));
        }
    }

    private void precision(Feed feed, List<Level> bids, List<Level> asks, boolean v1) {
        int[] p = v1 || assetPairs == null ? null : assetPairs.precision(feed.symbol);
        if (p != null) {
            feed.priceScale = p[0];
            feed.qtyScale = p[1];
            return;
        }
        int ps = 0;
        int qs = 0;
        for (List<Level> side : List.of(bids, asks)) {
            for (Level l : side) {
                ps = Math.max(ps, l.price.scale());
                qs = Math.max(qs, l.qty.scale());
            }
        }
        feed.priceScale = ps;
        feed.qtyScale = qs;
        if (!v1 && precisionNoted.add(feed.symbol)) {
            note("precision of " + feed.symbol + " inferred from its snapshot: price " + ps + ", quantity " + qs
                    + " decimals" + (assetPairs == null ? " (give --asset-pairs to be sure)"
                    : " (not in the asset pairs file)"));
        }
    }

    private static MdEntry level(Feed feed, MdEntryType type, Level l) throws BadFrame {
        Decimal price = rescaled(l.price, feed.priceScale);
        return MdEntry.level(type, entryId(type, price), price, rescaled(l.qty, feed.qtyScale), nanosOfDay(l.nanos));
    }

    private static String entryId(MdEntryType type, Decimal price) {
        return (type == MdEntryType.BID ? "B" : "O") + price;
    }

    private static Decimal rescaled(Decimal d, int scale) throws BadFrame {
        try {
            return d.withScale(scale);
        } catch (ArithmeticException e) {
            throw new BadFrame(d + " has more decimals than the precision " + scale);
        }
    }

    private static long mantissa(Decimal d, int scale) throws BadFrame {
        return rescaled(d, scale).unscaled();
    }

    private void trade(String symbol, List<MdEntry> entries, long nanos) {
        trades++;
        emit(new MarketDataIncrement(stamp(nanos, line), REQ_PREFIX + "trade", symbol, entries,
                MarketDataIncrement.NO_CHECKSUM));
    }

    // ---- time and output

    private static long time(long prefixNanos, long frameNanos, List<Level> a, List<Level> b) {
        if (prefixNanos != Stamp.NO_TIME) {
            return prefixNanos;
        }
        if (frameNanos != Stamp.NO_TIME) {
            return frameNanos;
        }
        long latest = Stamp.NO_TIME;
        for (Level l : a) {
            latest = Math.max(latest, l.nanos);
        }
        for (Level l : b) {
            latest = Math.max(latest, l.nanos);
        }
        return latest;
    }

    /** A stamp; events without a time yet get one when a later frame brings it (see {@link #emit}). */
    private static Stamp stamp(long nanos, long seq) {
        return new Stamp(nanos, nanos == Stamp.NO_TIME ? 0 : TradingDay.KRAKEN.dayOf(nanos), seq);
    }

    private void emit(Event e) {
        long nanos = e.stamp().receivedNanos();
        if (nanos == Stamp.NO_TIME) {
            waitingForTime.add(e);
            return;
        }
        flushWaiting(nanos);
        lastNanos = nanos;
        deliver(e);
    }

    private void flushWaiting(long nanos) {
        for (Event w : waitingForTime) {
            deliver(retime(w, nanos));
        }
        waitingForTime.clear();
    }

    private static Event retime(Event e, long nanos) {
        Stamp s = stamp(nanos, e.stamp().seqNum());
        if (e instanceof MarketDataSnapshot m) {
            return new MarketDataSnapshot(s, m.mdReqId(), m.symbol(), m.entries());
        }
        MarketDataIncrement m = (MarketDataIncrement) e;
        return new MarketDataIncrement(s, m.mdReqId(), m.symbol(), m.entries(), m.checksum());
    }

    private void deliver(Event e) {
        audit.accept(SESSION, e);
        out.accept(e);
        written++;
    }

    // ---- values

    private static String text(JsonNode node, String field) throws BadFrame {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode()) {
            throw new BadFrame("no " + field);
        }
        return v.asText();
    }

    /** A price or quantity as written: a JSON string ("27120.00000") or number (29430.2), exactly. */
    private static Decimal decimal(JsonNode v, String what) throws BadFrame {
        String text = v == null ? null : v.isNumber() ? v.decimalValue().toPlainString() : v.isTextual() ? v.asText() : null;
        if (text == null) {
            throw new BadFrame(what + " is missing");
        }
        try {
            Decimal d = Decimal.parse(text);
            if (d.signum() < 0) {
                throw new BadFrame(what + " " + text + " is negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadFrame(what + " '" + text + "' is not a decimal number");
        }
    }

    private static long epochNanos(JsonNode v) throws BadFrame {
        try {
            return Decimal.parse(v.isNumber() ? v.decimalValue().toPlainString() : v.asText()).unscaledAt(9);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadFrame("time '" + v.asText() + "' is not epoch seconds");
        }
    }

    private static long isoNanos(String text) throws BadFrame {
        try {
            Instant t = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadFrame("timestamp '" + text + "' is not ISO-8601");
        }
    }

    private static long nanosOfDay(long epochNanos) {
        return epochNanos == Stamp.NO_TIME ? Stamp.NO_TIME : Math.floorMod(epochNanos, 86_400_000_000_000L);
    }
}
