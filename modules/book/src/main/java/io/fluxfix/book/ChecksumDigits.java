package io.fluxfix.book;

import io.fluxfix.model.kraken.BookChecksum;

/**
 * One side's top ten as Kraken's checksum text (each level's price digits then quantity digits), kept between
 * checksums: a level whose price and quantity are unchanged since the last checksum keeps its digits, so a
 * checksum formats only the levels that changed (one or two per update) and copies the rest. Both texts are
 * ordered best first, so the old one is walked once alongside the new. No allocation.
 */
final class ChecksumDigits {

    private static final int LEVELS = BookChecksum.LEVELS;
    /** 19 digits at most per number. */
    private static final int MAX_TEXT = LEVELS * 2 * 19;

    private long[] prices = new long[LEVELS];
    private long[] qtys = new long[LEVELS];
    private int[] ends = new int[LEVELS];
    private byte[] text = new byte[MAX_TEXT];
    private long[] nextPrices = new long[LEVELS];
    private long[] nextQtys = new long[LEVELS];
    private int[] nextEnds = new int[LEVELS];
    private byte[] nextText = new byte[MAX_TEXT];
    private int count;
    private int length;
    /** The side's version the text was made at; none yet. */
    private long version = -1;
    private LevelArray side;

    /** Brings the text up to date with {@code side}'s top ten and adds it to {@code crc}. */
    void addTo(LevelArray side, BookChecksum crc) {
        if (side != this.side || side.version() != version) {
            refresh(side);
        }
        crc.addDigits(text, 0, length);
    }

    private void refresh(LevelArray s) {
        boolean ask = s.isAsk();
        int m = Math.min(s.size(), LEVELS);
        int j = 0;
        int pos = 0;
        for (int l = 0; l < m; l++) {
            long p = s.price(l);
            long q = s.qty(l);
            // Old levels better than this one have left the top (or were deleted): skip them.
            while (j < count && (ask ? prices[j] < p : prices[j] > p)) {
                j++;
            }
            if (j < count && prices[j] == p && qtys[j] == q) {
                int from = j == 0 ? 0 : ends[j - 1];
                int len = ends[j] - from;
                System.arraycopy(text, from, nextText, pos, len);
                pos += len;
                j++;
            } else {
                pos = BookChecksum.writeDigits(p, nextText, pos);
                pos = BookChecksum.writeDigits(q, nextText, pos);
                if (j < count && prices[j] == p) {
                    j++;
                }
            }
            nextPrices[l] = p;
            nextQtys[l] = q;
            nextEnds[l] = pos;
        }
        long[] lp = prices;
        prices = nextPrices;
        nextPrices = lp;
        long[] lq = qtys;
        qtys = nextQtys;
        nextQtys = lq;
        int[] le = ends;
        ends = nextEnds;
        nextEnds = le;
        byte[] lt = text;
        text = nextText;
        nextText = lt;
        count = m;
        length = pos;
        version = s.version();
        this.side = s;
    }
}
