package io.fluxfix.bench.harness;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.kraken.KrakenDecoder;
import io.fluxfix.kraken.KrakenDictionary;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.Stamp;
import quickfix.DataDictionary;
import quickfix.Message;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Market-data ingest throughput, the live path of one 35=X on the session's thread: QuickFIX/J parses it with
 * Kraken's dictionary, {@link KrakenDecoder} makes the model's increment, the journal appends it, the L2 book
 * operator applies it — beside the anchor measured in the same run, the bare QuickFIX/J parse of the same bytes.
 * Figures in book entries per second (two per message). Goal: at least 1 M entries/s and 0.7x the bare parse.
 */
final class MarketDataIngest {

    private MarketDataIngest() {
    }

    static void run(boolean smoke, PrintWriter out) throws Exception {
        int messages = smoke ? 20_000 : 1_000_000;
        int rounds = smoke ? 2 : 5;
        List<String> fix = new SyntheticTicks(7).fixMessages(messages);
        DataDictionary dictionary = KrakenDictionary.get();
        double[] bare = new double[rounds];
        double[] full = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            bare[r] = bare(fix, dictionary);
            full[r] = ingest(fix, dictionary);
            out.printf(Locale.ROOT, "  round %d: bare QuickFIX/J parse %.2f M entries/s; decode+journal+L2 book %.2f M "
                    + "entries/s (%.2fx)%n", r + 1, bare[r] / 1e6, full[r] / 1e6, full[r] / bare[r]);
            out.flush();
        }
        Arrays.sort(bare);
        Arrays.sort(full);
        out.printf(Locale.ROOT, "md ingest: median %.2f M entries/s vs bare parse %.2f M entries/s = %.2fx "
                        + "(goal >= 1 M entries/s and >= 0.7x)%n", full[rounds / 2] / 1e6, bare[rounds / 2] / 1e6,
                full[rounds / 2] / bare[rounds / 2]);
    }

    private static double bare(List<String> fix, DataDictionary dictionary) throws Exception {
        long entries = 0;
        long start = System.nanoTime();
        for (String s : fix) {
            Message m = new Message();
            m.fromString(s, dictionary, false);
            entries += m.getGroupCount(268);
        }
        return entries * 1e9 / (System.nanoTime() - start);
    }

    private static double ingest(List<String> fix, DataDictionary dictionary) throws Exception {
        Path dir = Files.createTempDirectory("fluxfix-bench-ingest");
        KrakenDecoder decoder = new KrakenDecoder();
        Sinks.Many<Event> in = Sinks.many().unicast().onBackpressureBuffer();
        AtomicLong views = new AtomicLong();
        Disposable books = in.asFlux().transform(Books.l2().precision(SyntheticTicks.SYMBOL, 1, 8).build())
                .subscribe((BookEvent e) -> views.incrementAndGet());
        SyntheticTicks ticks = new SyntheticTicks(7);
        long entries = 0;
        long took;
        try (ChronicleJournal journal = ChronicleJournal.builder(dir).open()) {
            in.tryEmitNext(ticks.snapshot(1_775_000_000_000_000_000L));
            long seq = 1;
            long start = System.nanoTime();
            for (String s : fix) {
                Message m = new Message();
                m.fromString(s, dictionary, false);
                Event e = decoder.decode(m, new Stamp(1_775_000_000_000_000_000L + seq, 0, ++seq));
                journal.appendInbound("bench-md", e);
                in.tryEmitNext(e);
                entries += 2;
            }
            took = System.nanoTime() - start;
        } finally {
            books.dispose();
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (views.get() < fix.size()) {
            throw new IllegalStateException("the book showed " + views.get() + " views for " + fix.size() + " messages");
        }
        return entries * 1e9 / took;
    }
}
