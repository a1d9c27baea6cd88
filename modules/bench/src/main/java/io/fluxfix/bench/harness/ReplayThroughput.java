package io.fluxfix.bench.harness;

import io.fluxfix.book.BookEvent;
import io.fluxfix.book.Books;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;

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
            double[] rates = new double[rounds];
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
                out.printf(Locale.ROOT, "  round %d: %d events -> %d book views in %.1f ms: %.2f M events/s%n", r + 1,
                        events, views.get(), took / 1e6, rates[r] / 1e6);
                out.flush();
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "replay journal -> L2 book -> no-op strategy: median %.2f M events/s, best %.2f M/s "
                    + "(goal >= 5 M/s)%n", sorted[rounds / 2] / 1e6, sorted[rounds - 1] / 1e6);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
