package io.fluxfix.bench;

import io.fluxfix.book.BookAlert;
import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.BookReplay;
import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.book.kraken.AssetPairs;
import io.fluxfix.book.kraken.KrakenWsImport;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.model.Decimal;
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
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast journal replay ({@code JournalReader.replayMarketData} into a {@code BookReplay}) builds the same
 * books as the model path ({@code JournalReader.replay()} through the {@code Books} operator): after every
 * event the same book (every level), the same checksum verdicts, the same alerts and counts.
 */
class BookReplayEquivalenceTest {

    @TempDir
    Path root;

    /** The journal of the current case. */
    private Path dir;

    /** What a consumer sees of one book event, read when it is emitted (views are live). */
    private static String describe(BookEvent e) {
        if (e instanceof BookAlert a) {
            return "alert " + a.kind() + " " + a.symbol() + " " + a.expected() + " " + a.actual() + " " + a.detail();
        }
        BookView v = (BookView) e;
        StringBuilder sb = new StringBuilder(v.symbol()).append(" @").append(v.updateNanos()).append(" #")
                .append(v.updatesSinceSnapshot());
        BookChecksum crc = new BookChecksum();
        for (Side side : new Side[] {Side.SELL, Side.BUY}) {
            sb.append(side == Side.SELL ? " asks" : " bids");
            for (int i = 0; i < v.depth(side); i++) {
                sb.append(' ').append(v.price(side, i)).append('x').append(v.qty(side, i));
                if (i < BookChecksum.LEVELS) {
                    crc.add(v.price(side, i), v.qty(side, i));
                }
            }
        }
        return sb.append(" crc ").append(crc.value()).toString();
    }

    private record Outcome(List<String> trace, String counts) {
    }

    private static String counts(BookMetrics m) {
        return "snapshots " + m.snapshots() + " updates " + m.updates() + " verified " + m.checksumsVerified()
                + " mismatches " + m.checksumMismatches() + " ignored " + m.ignored() + " bad " + m.badEntries()
                + " crossed " + m.crossed() + " resets " + m.resets();
    }

    private Outcome modelPath(Books.Builder books) {
        BookMetrics metrics = new BookMetrics();
        List<String> trace = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.replay().filter(r -> r.direction() == io.fluxfix.journal.Journal.Direction.IN)
                    .map(JournalRecord::event)
                    .transform(books.metrics(metrics).build())
                    .doOnNext(e -> trace.add(describe(e))).blockLast();
        }
        return new Outcome(trace, counts(metrics));
    }

    private Outcome fastPath(Books.Builder books) {
        BookMetrics metrics = new BookMetrics();
        List<String> trace = new ArrayList<>();
        BookReplay replay = books.metrics(metrics).replay(e -> trace.add(describe(e)));
        try (JournalReader reader = JournalReader.open(dir)) {
            long events = reader.replayMarketData(ReplayFilter.ALL, replay);
            assertThat(events).isEqualTo(replay.events());
        }
        return new Outcome(trace, counts(metrics));
    }

    private void journal(String name, List<Event> events) {
        dir = root.resolve(name);
        try (ChronicleJournal j = ChronicleJournal.open(dir)) {
            for (Event e : events) {
                j.appendInbound("spot-md", e);
            }
        }
    }

    private static List<Event> imported(String fixture, AssetPairs pairs) throws Exception {
        List<Event> events = new ArrayList<>();
        KrakenWsImport imp = new KrakenWsImport(pairs, Set.of(), events::add);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(KrakenFixtures.open(fixture),
                StandardCharsets.UTF_8))) {
            imp.importLines(fixture, in);
        }
        return events;
    }

    @ParameterizedTest
    @ValueSource(strings = {KrakenFixtures.WS_V1_BOOK10_XBTUSD, KrakenFixtures.WS_V2_BOOK10_BTCUSD})
    void importedKrakenRecordingsGiveTheSameBooksAndVerdicts(String fixture) throws Exception {
        Path pairsFile = root.resolve("assetpairs.json");
        java.nio.file.Files.writeString(pairsFile, KrakenFixtures.text(KrakenFixtures.REST_ASSET_PAIRS));
        AssetPairs pairs = AssetPairs.read(pairsFile);
        journal("fixture", imported(fixture, fixture.equals(KrakenFixtures.WS_V2_BOOK10_BTCUSD) ? pairs : null));

        Outcome model = modelPath(Books.l2());
        Outcome fast = fastPath(Books.l2());
        assertThat(fast.trace()).containsExactlyElementsOf(model.trace());
        assertThat(fast.counts()).isEqualTo(model.counts());
        // The recordings are clean: every checksum they carry verifies on both paths.
        assertThat(model.counts()).contains("mismatches 0").doesNotContain("verified 0 ");
        assertThat(model.trace()).hasSizeGreaterThan(500);
    }

    @Test
    void aRandomizedJournalGivesTheSameBooksAlertsAndCountsOnBothPaths() {
        for (long seed = 1; seed <= 3; seed++) {
            journal("seed-" + seed, random(new Random(seed), 3_000));
            for (boolean level3 : new boolean[] {false, true}) {
                Outcome model = modelPath(level3 ? Books.l3() : Books.l2());
                Outcome fast = fastPath(level3 ? Books.l3() : Books.l2());
                String what = "seed " + seed + (level3 ? " L3" : " L2");
                assertThat(fast.trace()).as(what).containsExactlyElementsOf(model.trace());
                assertThat(fast.counts()).as(what).isEqualTo(model.counts());
                // The stream exercises the rules, not only the happy path.
                assertThat(model.counts()).as(what).doesNotContain("mismatches 0 ").doesNotContain("verified 0 ")
                        .doesNotContain("bad 0 ");
            }
        }
    }

    /**
     * Snapshots and increments of two instruments: changes, deletes (some by entry id only), trades, entries
     * finer than the book's precision, right and wrong checksums, and session drops.
     */
    private static List<Event> random(Random rnd, int n) {
        List<Event> out = new ArrayList<>();
        String[] symbols = {"BTC/USD", "ETH/USD"};
        List<TreeMap<Long, Long>> bids = List.of(new TreeMap<>(), new TreeMap<>());
        List<TreeMap<Long, Long>> asks = List.of(new TreeMap<>(), new TreeMap<>());
        BookChecksum crc = new BookChecksum();
        for (int k = 0; k < n; k++) {
            Stamp stamp = new Stamp(1_700_000_000_000_000_000L + k * 1_000L, 19_000, k + 1);
            int s = rnd.nextInt(2);
            String sym = symbols[s];
            int roll = rnd.nextInt(100);
            if (roll < 3 || bids.get(s).isEmpty()) {
                bids.get(s).clear();
                asks.get(s).clear();
                List<MdEntry> entries = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    long q = 1 + rnd.nextInt(100_000);
                    bids.get(s).put(10_000L - i * (1 + rnd.nextInt(3)), q);
                    asks.get(s).put(10_001L + i * (1 + rnd.nextInt(3)), q + 1);
                }
                bids.get(s).forEach((p, q) -> entries.add(MdEntry.level(MdEntryType.BID, "B" + dec(p, 2),
                        Decimal.of(p, 2), Decimal.of(q, 4), Stamp.NO_TIME)));
                asks.get(s).forEach((p, q) -> entries.add(MdEntry.level(MdEntryType.OFFER, "O" + dec(p, 2),
                        Decimal.of(p, 2), Decimal.of(q, 4), Stamp.NO_TIME)));
                out.add(new MarketDataSnapshot(stamp, "md" + s, sym, entries));
                continue;
            }
            if (roll < 4) {
                out.add(new SessionEvent.Disconnected(stamp, "spot-md", "test"));
                bids.get(s).clear();
                bids.get(1 - s).clear();
                continue;
            }
            List<MdEntry> entries = new ArrayList<>();
            int count = 1 + rnd.nextInt(3);
            for (int e = 0; e < count; e++) {
                boolean bid = rnd.nextBoolean();
                TreeMap<Long, Long> side = bid ? bids.get(s) : asks.get(s);
                MdEntryType type = bid ? MdEntryType.BID : MdEntryType.OFFER;
                long px = bid ? 10_000L - rnd.nextInt(40) : 10_001L + rnd.nextInt(40);
                String id = (bid ? "B" : "O") + dec(px, 2);
                int what = rnd.nextInt(20);
                if (what == 0) {
                    entries.add(new MdEntry(null, MdEntryType.TRADE, null, Decimal.of(px, 2), Decimal.of(5, 4),
                            Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, null, Side.BUY));
                } else if (what == 1) {
                    entries.add(MdEntry.update(MdUpdateAction.CHANGE, type, id, Decimal.of(px * 10 + 3, 3),
                            Decimal.of(1, 4), Stamp.NO_TIME)); // finer than the book: a bad entry
                } else if (what < 6) {
                    side.remove(px);
                    entries.add(MdEntry.update(MdUpdateAction.DELETE, type, id, what == 2 ? null : Decimal.of(px, 2),
                            null, Stamp.NO_TIME));
                } else {
                    long q = 1 + rnd.nextInt(100_000);
                    boolean known = side.containsKey(px);
                    side.put(px, q);
                    entries.add(MdEntry.update(known ? MdUpdateAction.CHANGE : MdUpdateAction.NEW, type, id,
                            Decimal.of(px, 2), Decimal.of(q, 4), Stamp.NO_TIME));
                }
            }
            long checksum = MarketDataIncrement.NO_CHECKSUM;
            if (rnd.nextInt(3) > 0) {
                crc.reset();
                asks.get(s).entrySet().stream().limit(BookChecksum.LEVELS).forEach(l -> crc.add(l.getKey(), l.getValue()));
                bids.get(s).descendingMap().entrySet().stream().limit(BookChecksum.LEVELS)
                        .forEach(l -> crc.add(l.getKey(), l.getValue()));
                checksum = crc.value();
                if (rnd.nextInt(50) == 0) {
                    checksum = checksum ^ 1; // a corrupted update: the book must be dropped
                }
            }
            out.add(new MarketDataIncrement(stamp, "md" + s, sym, entries, checksum));
        }
        return out;
    }

    private static String dec(long unscaled, int scale) {
        return Decimal.of(unscaled, scale).toString();
    }
}
