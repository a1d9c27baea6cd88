package io.fluxfix.bench.harness;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.BookReplay;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.ReplayFilter;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Research replay throughput: a journal of market data read back through the L2 book operator into a strategy
 * that does nothing (a subscriber that counts) — the replay's floor before any strategy or matching work.
 * Goal: 5 M events/s. The journal (one snapshot, then increments of two entries) is written first, not timed.
 * Each round reads it twice, alternately: through the model path ({@code JournalReader.replay()}, one event
 * object per record, the {@code Books.l2()} operator) and through the fast path
 * ({@code JournalReader.replayMarketData} into a {@code BookReplay}: the same books, no object per record).
 */
final class ReplayThroughput {

    private ReplayThroughput() {
    }

    static void run(boolean smoke, PrintWriter out) throws Exception {
        int events = smoke ? 20_000 : 2_000_000;
        int rounds = smoke ? 2 : 5;
        Path dir = Files.createTempDirectory("fluxfix-bench-replay");
        try {
            SyntheticTicks ticks = new SyntheticTicks(42);
            try (ChronicleJournal j = ChronicleJournal.builder(dir).touchAheadBytes(0).open()) {
                long t = 1_775_000_000_000_000_000L;
                j.appendInbound("bench-md", ticks.snapshot(t));
                for (int i = 1; i < events; i++) {
                    j.appendInbound("bench-md", ticks.next(t + i * 1_000L));
                }
            }
            // Alternating: the model path (records -> events -> the Books.l2() operator) and the fast path
            // (JournalReader.replayMarketData -> BookReplay: no object per record), the same books.
            double[] rates = new double[rounds];
            double[] fastRates = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                AtomicLong views = new AtomicLong();
                long start = System.nanoTime();
                try (JournalReader reader = JournalReader.open(dir)) {
                    reader.replay().map(JournalRecord::event)
                            .transform(Books.l2().build())
                            .subscribe((BookEvent e) -> views.incrementAndGet());
                }
                long took = System.nanoTime() - start;
                rates[r] = events * 1e9 / took;
                out.printf(Locale.ROOT, "  round %d, model path: %d events -> %d book views in %.1f ms: %.2f M events/s%n",
                        r + 1, events, views.get(), took / 1e6, rates[r] / 1e6);
                long[] fastViews = {0};
                start = System.nanoTime();
                try (JournalReader reader = JournalReader.open(dir)) {
                    BookReplay replay = Books.l2().replay(e -> fastViews[0]++);
                    reader.replayMarketData(ReplayFilter.ALL, replay);
                }
                took = System.nanoTime() - start;
                fastRates[r] = events * 1e9 / took;
                out.printf(Locale.ROOT, "  round %d, fast path:  %d events -> %d book views in %.1f ms: %.2f M events/s%n",
                        r + 1, events, fastViews[0], took / 1e6, fastRates[r] / 1e6);
                out.flush();
            }
            out.printf(Locale.ROOT, "replay journal -> L2 book -> no-op strategy: median %.2f M events/s, best %.2f M/s "
                    + "(goal >= 5 M/s)%n", median(rates) / 1e6, best(rates) / 1e6);
            out.printf(Locale.ROOT, "  the same through the fast path (replayMarketData -> BookReplay): median %.2f M "
                    + "events/s, best %.2f M/s%n", median(fastRates) / 1e6, best(fastRates) / 1e6);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double best(double[] rates) {
        return Arrays.stream(rates).max().orElse(0);
    }
}
