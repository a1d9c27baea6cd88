package io.fluxfix.book;

import io.fluxfix.model.Side;
import io.fluxfix.model.kraken.BookChecksum;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's kept checksum digits never go stale: after random changes at the top and deep down, levels
 * leaving and entering the top ten, truncation and clearing, {@link L2Book#checksum} equals the checksum
 * written from scratch (the slow reference) at every step.
 */
class ChecksumDigitsTest {

    @Test
    void theKeptDigitsFollowEveryKindOfChange() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            L2Book book = new L2Book("X", "md", 2, 4, 8);
            BookChecksum crc = new BookChecksum();
            for (int step = 0; step < 2_000; step++) {
                int op = rnd.nextInt(100);
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                if (op == 0) {
                    book.clear();
                } else if (op == 1) {
                    book.truncate(side, rnd.nextInt(15));
                } else {
                    // Prices in a narrow band, so levels often enter and leave the top ten; quantities sometimes
                    // repeat, so a level can come back with the digits it had.
                    long px = side == Side.BUY ? 1_000 - rnd.nextInt(30) : 1_001 + rnd.nextInt(30);
                    long qty = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(4) == 0 ? 7 : rnd.nextInt(Integer.MAX_VALUE);
                    book.set(side, px, qty * (rnd.nextInt(10) == 0 ? 1_000_000_000L : 1));
                }
                if (rnd.nextInt(3) == 0) {
                    assertThat(book.checksum(crc)).as("seed %d step %d", seed, step).isEqualTo(reference(book));
                }
            }
        }
    }

    /**
     * A deep book (hundreds of levels a side, so many blocks that split and merge): most changes land below the
     * top ten and must not disturb its kept digits, some reach it at any rank, several may come between two
     * checksums. The kept text starts again from the best rank any of them reached.
     */
    @Test
    void changesDeepInTheBookAndAtAnyTopRankBetweenChecksums() {
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            L2Book book = new L2Book("X", "md", 2, 4, 8);
            BookChecksum crc = new BookChecksum();
            int deepest = 0;
            for (int step = 0; step < 4_000; step++) {
                Side side = rnd.nextBoolean() ? Side.BUY : Side.SELL;
                int op = rnd.nextInt(200);
                if (op == 0) {
                    book.truncate(side, rnd.nextInt(40));
                } else {
                    // Half the changes within a few levels of the best, half anywhere in ~600 levels.
                    int away = rnd.nextBoolean() ? rnd.nextInt(14) : rnd.nextInt(600);
                    long px = side == Side.BUY ? 100_000 - away : 100_001 + away;
                    long qty = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
                    book.set(side, px, qty);
                }
                if (rnd.nextInt(4) == 0) {
                    assertThat(book.checksum(crc)).as("seed %d step %d", seed, step).isEqualTo(reference(book));
                }
                deepest = Math.max(deepest, Math.min(book.depth(Side.BUY), book.depth(Side.SELL)));
            }
            assertThat(deepest).as("seed %d: a deep book", seed).isGreaterThan(3 * LevelArray.BLOCK);
        }
    }

    /**
     * One quantity changed between two checksums, at every rank of the top ten of either side, to quantities with
     * fewer, as many and more digits than before (the text around the level moves, or not), with and without a
     * deep change or a second change besides: the in-place rewrite of that one level (and only when it is the only
     * change) gives the checksum written from scratch.
     */
    @Test
    void aLoneQuantityChangeAtEveryTopRankRewritesOnlyThatLevel() {
        Random rnd = new Random(3);
        long[] qtys = {7, 12_345, 99_999, 100_000, 1, 5_000_000_000L, 42};
        for (Side side : new Side[] {Side.SELL, Side.BUY}) {
            L2Book book = new L2Book("X", "md", 1, 8, 8);
            for (int i = 0; i < 14; i++) {
                book.set(Side.BUY, 1_000 - i, 1 + rnd.nextInt(1_000_000));
                book.set(Side.SELL, 1_001 + i, 1 + rnd.nextInt(1_000_000));
            }
            BookChecksum crc = new BookChecksum();
            assertThat(book.checksum(crc)).isEqualTo(reference(book));
            for (int rank = 0; rank < BookChecksum.LEVELS; rank++) {
                for (long q : qtys) {
                    book.set(side, book.price(side, rank), q);
                    assertThat(book.checksum(crc)).as("%s rank %d qty %d", side, rank, q).isEqualTo(reference(book));
                    // A change below the top ten as well: still only that level to redo.
                    book.set(side, book.price(side, 12), q + 1);
                    book.set(side, book.price(side, rank), q + 1);
                    assertThat(book.checksum(crc)).as("%s rank %d qty %d, deep", side, rank, q)
                            .isEqualTo(reference(book));
                    // Two quantities, or a quantity and a level leaving: not a lone change.
                    book.set(side, book.price(side, rank), q * 3);
                    book.set(side, book.price(side, (rank + 3) % 10), q * 7);
                    assertThat(book.checksum(crc)).as("%s rank %d qty %d, two", side, rank, q)
                            .isEqualTo(reference(book));
                    book.set(side, book.price(side, rank), q);
                    long gone = book.price(side, 11);
                    book.remove(side, gone);
                    book.set(side, gone, 3);
                    assertThat(book.checksum(crc)).as("%s rank %d qty %d, moved", side, rank, q)
                            .isEqualTo(reference(book));
                }
            }
            assertThat(book.depth(side)).isEqualTo(14);
        }
    }

    private static long reference(L2Book book) {
        ReferenceChecksum r = new ReferenceChecksum(book.priceScale(), book.qtyScale());
        for (Side side : new Side[] {Side.SELL, Side.BUY}) {
            for (int i = 0; i < Math.min(book.depth(side), BookChecksum.LEVELS); i++) {
                r.add(book.price(side, i), book.qty(side, i));
            }
        }
        return r.value();
    }
}
