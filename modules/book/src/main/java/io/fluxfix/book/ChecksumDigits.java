package io.fluxfix.book;

import io.fluxfix.model.kraken.BookChecksum;

/**
 * An L2 book's top ten a side as Kraken's checksum text (each level's price digits then quantity digits), kept
 * between checksums in one array: the asks, best first, end at the middle of {@link #text} and the bids, best
 * first, start there, so the whole text is one contiguous range and a checksum is one CRC call over it.
 *
 * <p>Each side's {@link LevelArray} tells the best rank a change reached since the last checksum
 * ({@link LevelArray#takeTouched}); the levels above it are unchanged by construction, so their digits are kept
 * as they are and only the side's top ten from that rank on is walked, alongside the old one (both best first):
 * a level whose price and quantity are unchanged keeps its digits, and consecutive unchanged levels are copied
 * as one run, so an update at rank r formats one level and copies two runs (the levels above it and those
 * below). When the one change since the last checksum was a new quantity of a level in the top ten
 * ({@link LevelArray#loneQtyChange}: most of a live feed's updates), not even that walk: the level's text is
 * written again in place and the text beyond it moved by the difference in length. A side no change reached in
 * its top ten — unchanged, or changed only deeper down — costs nothing. No allocation.
 */
final class ChecksumDigits {

    private static final int LEVELS = BookChecksum.LEVELS;
    /** 19 digits at most per number. */
    private static final int MAX_SIDE = LEVELS * 2 * 19;
    private static final int MID = MAX_SIDE;

    /** The asks' text in {@code [MID - ask.length, MID)}, the bids' in {@code [MID, MID + bid.length)}. */
    private final byte[] text = new byte[2 * MAX_SIDE];
    private final byte[] scratch = new byte[MAX_SIDE];
    private final Side ask;
    private final Side bid;

    ChecksumDigits(LevelArray asks, LevelArray bids) {
        this.ask = new Side(asks);
        this.bid = new Side(bids);
    }

    /** Kraken's checksum of the two sides' top ten (asks, then bids). */
    long checksum(BookChecksum crc) {
        ask.refresh();
        bid.refresh();
        return crc.reset().addDigits(text, MID - ask.length, ask.length + bid.length).value();
    }

    /** One side's kept levels and where its text is. */
    private final class Side {
        private final LevelArray levels;
        private long[] prices = new long[LEVELS];
        private long[] qtys = new long[LEVELS];
        private int[] ends = new int[LEVELS];
        private long[] nextPrices = new long[LEVELS];
        private long[] nextQtys = new long[LEVELS];
        private int[] nextEnds = new int[LEVELS];
        private int count;
        int length;

        Side(LevelArray levels) {
            this.levels = levels;
        }

        /** Where this side's text starts in {@link #text}. */
        private int start(int len) {
            return levels.isAsk() ? MID - len : MID;
        }

        void refresh() {
            LevelArray s = levels;
            int lone = s.loneQtyChange(); // before takeTouched, which forgets it
            int touched = s.takeTouched();
            if (touched >= LEVELS) {
                return;
            }
            if (lone != LevelArray.NO_LONE_QTY && lone < count) {
                requantify(lone);
                return;
            }
            // Levels [0, kept) are those kept: unchanged since the last checksum (a new side: none).
            int kept = Math.min(touched, count);
            long[] np = nextPrices;
            long[] nq = nextQtys;
            int[] ne = nextEnds;
            System.arraycopy(prices, 0, np, 0, kept);
            System.arraycopy(qtys, 0, nq, 0, kept);
            System.arraycopy(ends, 0, ne, 0, kept);
            int m = s.top(np, nq, kept);
            boolean isAsk = s.isAsk();
            byte[] out = scratch;
            int old = start(length);
            int j = kept;
            int pos = kept == 0 ? 0 : ends[kept - 1];
            // A run of unchanged levels waiting to be copied: old text [runFrom, runTo) (offsets in the side's
            // text) to out[runAt..]; the kept levels are the first.
            int runFrom = 0;
            int runTo = pos;
            int runAt = 0;
            for (int l = kept; l < m; l++) {
                long p = np[l];
                long q = nq[l];
                // Old levels better than this one have left the top (or were deleted): skip them.
                while (j < count && (isAsk ? prices[j] < p : prices[j] > p)) {
                    j++;
                }
                if (j < count && prices[j] == p && qtys[j] == q) {
                    int from = j == 0 ? 0 : ends[j - 1];
                    if (from != runTo || runTo == runFrom) {
                        copy(old, runFrom, runTo, runAt);
                        runFrom = from;
                        runAt = pos;
                    }
                    runTo = ends[j];
                    pos += runTo - from;
                    j++;
                } else {
                    copy(old, runFrom, runTo, runAt);
                    runFrom = runTo;
                    pos = BookChecksum.writeDigits(p, out, pos);
                    pos = BookChecksum.writeDigits(q, out, pos);
                    if (j < count && prices[j] == p) {
                        j++;
                    }
                }
                ne[l] = pos;
            }
            copy(old, runFrom, runTo, runAt);
            System.arraycopy(out, 0, text, start(pos), pos);
            nextPrices = prices;
            prices = np;
            nextQtys = qtys;
            qtys = nq;
            nextEnds = ends;
            ends = ne;
            count = m;
            length = pos;
        }

        /**
         * Only the quantity of kept level {@code r} changed (most of a live feed's updates): its text is written
         * again in place, and the text on its far side from the middle moves by the change in length — no walk
         * over the other levels.
         */
        private void requantify(int r) {
            long q = levels.qty(r);
            int from = r == 0 ? 0 : ends[r - 1];
            int to = ends[r];
            byte[] out = scratch;
            int len = BookChecksum.writeDigits(q, out, BookChecksum.writeDigits(prices[r], out, 0));
            int delta = len - (to - from);
            if (delta != 0) {
                int start = start(length);
                if (levels.isAsk()) { // the asks end at the middle: the better levels, before this one, move
                    System.arraycopy(text, start, text, start - delta, from);
                } else { // the bids start there: the worse levels, after it, move
                    System.arraycopy(text, start + to, text, start + to + delta, length - to);
                }
                for (int j = r; j < count; j++) {
                    ends[j] += delta;
                }
                length += delta;
            }
            System.arraycopy(out, 0, text, start(length) + from, len);
            qtys[r] = q;
        }

        private void copy(int old, int from, int to, int at) {
            if (to > from) {
                System.arraycopy(text, old + from, scratch, at, to - from);
            }
        }
    }
}
