package io.fluxfix.bench;

import io.fluxfix.book.BookMetrics;
import io.fluxfix.book.Books;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.Event;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The book benchmarks do the work they claim: depth stays put, every replayed checksum verifies. */
class BookBenchmarkTest {

    @Test
    void l2UpdateKeepsTheBookAtItsDepthAndChangesIt() {
        for (String where : new String[] {"TOP", "UNIFORM"}) {
            BookBenchmark b = new BookBenchmark();
            b.depth = 1000;
            b.where = where;
            b.setUp();
            long before = b.checksum();
            for (int i = 0; i < 10_000; i++) {
                b.l2Update();
            }
            assertThat(b.book.depth(Side.BUY)).isEqualTo(1000);
            assertThat(b.book.depth(Side.SELL)).isEqualTo(1000);
            assertThat(b.checksum()).isNotEqualTo(before);
        }
    }

    @Test
    void theReplayStreamVerifiesEveryChecksumThroughTheOperator() throws Exception {
        List<Event> events = BookBenchmark.kraken(new Random(7));
        BookMetrics metrics = new BookMetrics();
        long views = Flux.fromIterable(events).transform(Books.l2().precision(BookBenchmark.SYMBOL, 1, 8)
                .metrics(metrics).build()).count().block();
        assertThat(views).isEqualTo(BookBenchmark.EVENTS);
        assertThat(metrics.checksumsVerified()).isEqualTo(BookBenchmark.EVENTS - 1);
        assertThat(metrics.checksumMismatches()).isZero();

        BookReplayBenchmark r = new BookReplayBenchmark();
        r.setUp();
        try {
            assertThat(r.journalReplay()).isEqualTo(BookBenchmark.EVENTS);
            assertThat(r.operatorInMemory()).isEqualTo(BookBenchmark.EVENTS);
            assertThat(r.journalFastReplay()).isEqualTo(BookBenchmark.EVENTS);
            assertThat(r.journalFastReplay()).isEqualTo(BookBenchmark.EVENTS);
            assertThat(r.replay.metrics().checksumsVerified()).isEqualTo(2L * (BookBenchmark.EVENTS - 1));
            assertThat(r.replay.metrics().checksumMismatches()).isZero();
        } finally {
            r.tearDown();
        }
    }
}
