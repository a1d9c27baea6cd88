package io.fluxfix.book;

import java.util.Arrays;

/**
 * One side of an L2 book: price levels in short sorted blocks of primitive arrays, so that an insert or delete
 * anywhere moves at most one block's elements (and a few block references), whatever the depth. Keys are the
 * price for bids and the negated price for asks, so both sides sort ascending and the best level (highest key)
 * is the last element of the last block. Blocks split when full and merge with a neighbour when two together
 * would fill at most half a block, so there are at most about {@code 4n / BLOCK} of them; emptied blocks go to
 * a pool. A side that has reached its working size allocates nothing more.
 */
final class LevelArray {

    /** No change reached the tracked ranks since the last {@link #takeTouched()}. */
    static final int UNTOUCHED = Integer.MAX_VALUE;
    /** Ranks tracked for {@link #takeTouched()}: the checksum's top ten; a change below them is not tracked. */
    static final int TRACKED = io.fluxfix.model.kraken.BookChecksum.LEVELS;
    /** {@link #loneQtyChange()} when the changes since the last {@link #takeTouched()} were not one quantity's. */
    static final int NO_LONE_QTY = -1;

    /**
     * Levels per block: a block's keys are two cache lines (a search in it misses at most twice) and a shift
     * inside it moves little. 32 was measured slower on a deep book (a random level of 2 × 1000: ~81 against
     * ~86–131 ns an update; docs/benchmarks.md): the search's dependent loads miss the cache more often.
     */
    static final int BLOCK = 16;
    /** Blocks a {@link #dir directory} walk steps over before it binary-searches the rest. */
    static final int DIR_WALK = 4;
    /**
     * Deep searches after blocks came or went that binary-search before the {@link #dir directory} is rebuilt: a
     * rebuild reads every block's last key, worth it only when the blocks stay put for a while — not while a
     * snapshot is being loaded, which adds a block every eight levels.
     */
    static final int DIR_REBUILD = 16;
    /** Levels of the best block that a search compares one by one (without a branch) before it binary-searches. */
    static final int LINEAR = 8;

    private long[][] keys = new long[4][];
    private long[][] qtys = new long[4][];
    private int[] counts = new int[4];
    /** Each block's last (highest) key, side by side so that finding a block reads one array. */
    private long[] lasts = new long[4];
    /** Number of blocks in use; blocks {@code [0, blocks)} are non-empty and ascending. */
    private int blocks;
    private long[][] spareKeys = new long[4][];
    private long[][] spareQtys = new long[4][];
    private int spares;
    private int n;
    private final boolean ask;
    /** -1 for asks, 0 for bids: {@code (x ^ sign) - sign} negates an ask's price or key without a branch. */
    private final long sign;
    /**
     * The best rank (0 = best) any change reached since the last {@link #takeTouched()}, {@link #UNTOUCHED} when
     * none reached the top {@link #TRACKED}: the levels above it are unchanged, so a cache of the top (the
     * checksum's digits) keeps them. A new side counts as changed everywhere.
     */
    private int touched;
    /**
     * The rank of the only change since the last {@link #takeTouched()} when that change was a new quantity of a
     * level in the top {@link #TRACKED} (no level came or went anywhere), else {@link #NO_LONE_QTY}: then the
     * top's prices and the other quantities are as they were, and a cache of the top need only redo that one.
     */
    private int loneQty = NO_LONE_QTY;
    /**
     * A directory of the blocks below the best one, by key: entry {@code j} is the first block whose last key is
     * at or above {@code dirBase + (j << dirShift)}, so the block of a key is that entry's block or one a step or
     * two after it — a load and a compare or two where a binary search over the last keys is a chain of seven
     * dependent ones at a thousand levels. Rebuilt on the {@link #DIR_REBUILD}th deep search after blocks came
     * or went ({@link #dirStale}; the searches before it binary-search); between rebuilds the last keys below the
     * best block only fall (a level leaving from a block's end), so an entry is never past the block sought and a
     * walk forward from it is exact.
     */
    private int[] dir = new int[0];
    private int dirLen;
    private long dirBase;
    private int dirShift;
    private boolean dirStale = true;
    /** Deep searches since the directory went stale. */
    private int staleSearches;

    /** Where the last search ended (block, index or insertion point): read right after {@link #find}. */
    private int foundBlock;
    private int foundIndex;

    LevelArray(boolean ask, int capacity) {
        this.ask = ask;
        this.sign = ask ? -1 : 0;
        for (int i = 0; i < (Math.max(capacity, 1) + BLOCK - 1) / BLOCK; i++) {
            free(new long[BLOCK], new long[BLOCK]);
        }
    }

    int size() {
        return n;
    }

    boolean isAsk() {
        return ask;
    }

    /**
     * The best rank a change reached since the last call (levels above it are as they were then), or
     * {@link #UNTOUCHED} when no change reached the top {@link #TRACKED}; starts tracking afresh.
     */
    int takeTouched() {
        int t = touched;
        touched = UNTOUCHED;
        loneQty = NO_LONE_QTY;
        return t;
    }

    /**
     * The rank (in the top {@link #TRACKED}) of the one change since the last {@link #takeTouched()} if it only
     * changed that level's quantity, else {@link #NO_LONE_QTY}. Read it before {@link #takeTouched()}.
     */
    int loneQtyChange() {
        return loneQty;
    }

    /** Records a change at block {@code b}, index {@code i} (its rank counted only while it can matter). */
    private void touch(int b, int i) {
        int limit = Math.min(touched, TRACKED);
        int rank = counts[b] - 1 - i;
        for (int bb = b + 1; bb < blocks && rank < limit; bb++) {
            rank += counts[bb];
        }
        if (rank < limit) {
            touched = rank;
        }
    }

    private void touchRank(int rank) {
        if (rank < touched && rank < TRACKED) {
            touched = rank;
        }
    }

    void clear() {
        while (blocks > 0) {
            blocks--;
            free(keys[blocks], qtys[blocks]);
            keys[blocks] = null;
            qtys[blocks] = null;
        }
        n = 0;
        staleDir();
        touched = 0;
        loneQty = NO_LONE_QTY;
    }

    /** A price as its key or a key as its price: negated for asks (without a branch), as is for bids. */
    private long key(long price) {
        return (price ^ sign) - sign;
    }

    /** The best level's price; the side must not be empty. O(1): the last key of the last block. */
    long best() {
        return key(lasts[blocks - 1]);
    }

    /** The price of the {@code level}-th best level (0 = best). */
    long price(int level) {
        locate(level);
        return key(keys[foundBlock][foundIndex]);
    }

    long qty(int level) {
        locate(level);
        return qtys[foundBlock][foundIndex];
    }

    /**
     * Copies the best {@code min(size, px.length)} levels into {@code px} and {@code qty}, best first, in one walk
     * over the blocks; returns how many.
     */
    int top(long[] px, long[] qty) {
        return top(px, qty, 0);
    }

    /**
     * Like {@link #top(long[], long[])} for the levels from rank {@code from} on only: fills
     * {@code px[from .. m)} and {@code qty[from .. m)} and returns {@code m = min(size, px.length)}; the entries
     * before {@code from} are left alone.
     */
    int top(long[] px, long[] qty, int from) {
        int m = Math.min(n, px.length);
        if (from >= m) {
            return m;
        }
        int b = blocks - 1;
        int skip = from;
        while (skip >= counts[b]) {
            skip -= counts[b];
            b--;
        }
        int l = from;
        int i = counts[b] - 1 - skip;
        for (; l < m; b--, i = b >= 0 ? counts[b] - 1 : 0) {
            long[] bk = keys[b];
            long[] bq = qtys[b];
            for (; i >= 0 && l < m; i--, l++) {
                px[l] = key(bk[i]);
                qty[l] = bq[i];
            }
        }
        return m;
    }

    /** Sets foundBlock/foundIndex to the {@code level}-th best level, walking blocks from the best end. */
    private void locate(int level) {
        if (level < 0 || level >= n) {
            throw new IndexOutOfBoundsException("level " + level + " of " + n);
        }
        int b = blocks - 1;
        int rest = level;
        while (rest >= counts[b]) {
            rest -= counts[b];
            b--;
        }
        foundBlock = b;
        foundIndex = counts[b] - 1 - rest;
    }

    /**
     * Finds key {@code k}: true when present (at foundBlock/foundIndex); otherwise foundBlock/foundIndex is where
     * it would go. Most updates land near the top, so the best block is tried first (one compare) and its best
     * {@link #LINEAR} levels are counted without a branch ({@link #searchTop}); a key further down is
     * binary-searched among the blocks' last keys, then inside its block, both without a branch per step
     * ({@link #lowerBound}).
     */
    private boolean find(long k) {
        if (blocks == 0) {
            foundBlock = -1;
            foundIndex = 0;
            return false;
        }
        int top = blocks - 1;
        if (top == 0 || last(top - 1) < k) {
            // In the best block (or above everything: a new best level).
            int i = searchTop(keys[top], counts[top], k);
            foundBlock = top;
            foundIndex = i >= 0 ? i : -(i + 1);
            return i >= 0;
        }
        // The first block whose last key is >= k, below the best block (last(top - 1) >= k, so one is).
        int b = block(k, top);
        int i = searchBlock(keys[b], counts[b], k);
        foundBlock = b;
        foundIndex = i >= 0 ? i : -(i + 1);
        return i >= 0;
    }

    /**
     * {@link Arrays#binarySearch} over the best block {@code a[0, c)}. Its best {@link #LINEAR} keys are counted
     * without a branch (the keys at or below {@code k} are a prefix, so their count is where {@code k} is or
     * goes): the busy top costs a few compares whose outcome needs no prediction, where a search's branches
     * mispredict. A key below those levels is searched in the rest as in {@link #searchBlock}.
     */
    static int searchTop(long[] a, int c, long k) {
        int stop = c - LINEAR;
        if (stop > 0 && a[stop] > k) {
            return searchBlock(a, stop, k);
        }
        int p = Math.max(stop, 0);
        for (int j = p; j < c; j++) {
            p += a[j] <= k ? 1 : 0;
        }
        return p > 0 && a[p - 1] == k ? p - 1 : -(p + 1);
    }

    /**
     * {@link Arrays#binarySearch} over {@code a[0, c)} (c > 0): the index of {@code k}, else
     * {@code -(insertion point) - 1}.
     */
    static int searchBlock(long[] a, int c, long k) {
        int i = lowerBound(a, 0, c, k);
        return i < c && a[i] == k ? i : -(i + 1);
    }

    /**
     * The first index in {@code [from, from + n)} whose key is {@code >= k}, or {@code from + n} (n > 0): a
     * binary search whose halving steps move the base with a conditional move rather than a branch (a random
     * level's search would mispredict about every other branch), then one compare.
     */
    static int lowerBound(long[] a, int from, int n, long k) {
        int base = from;
        while (n > 1) {
            int half = n >>> 1;
            base = a[base + half] < k ? base + half : base;
            n -= half;
        }
        return a[base] < k ? base + 1 : base;
    }

    /**
     * The first of blocks {@code [0, top)} whose last key is {@code >= k} (the last of them is): from the
     * {@link #dir directory}'s entry for {@code k} (block 0 for a key at or below the first block's last, which
     * is where a stray far level at the book's worst end goes), walked forward; a binary search for the rest
     * when the walk grows long (a sparse stretch of the book).
     */
    private int block(long k, int top) {
        if (dirStale) {
            if (++staleSearches < DIR_REBUILD) {
                return lowerBound(lasts, 0, top, k);
            }
            buildDir(top);
        }
        long off = k - dirBase;
        if (off >= 0 && (off >>> dirShift) >= dirLen) {
            // Past the directory's last bucket: not reachable while the last keys only fall, kept as a guard.
            return lowerBound(lasts, 0, top, k);
        }
        int b = off < 0 ? 0 : dir[(int) (off >>> dirShift)];
        for (int steps = 0; lasts[b] < k; b++) {
            if (++steps == DIR_WALK) {
                return lowerBound(lasts, b, top - b, k);
            }
        }
        return b;
    }

    /**
     * Rebuilds the {@link #dir directory} over blocks {@code [0, top)}: buckets of a power-of-two width, about
     * two a block, from the first block's last key to the last key of block {@code top - 1}. Allocates only when
     * the book has grown past every size it had.
     */
    private void buildDir(int top) {
        dirStale = false;
        long lo = lasts[0];
        long span = lasts[top - 1] - lo;
        int shift = 0;
        while ((span >>> shift) >= 2L * top) {
            shift++;
        }
        int len = (int) (span >>> shift) + 1;
        if (dir.length < len) {
            dir = new int[Math.max(len, 2 * dir.length)];
        }
        int b = 0;
        for (int j = 0; j < len; j++) {
            long start = lo + ((long) j << shift);
            while (lasts[b] < start) {
                b++;
            }
            dir[j] = b;
        }
        dirBase = lo;
        dirShift = shift;
        dirLen = len;
    }

    /** Blocks came or went: the directory waits for a rebuild. */
    private void staleDir() {
        dirStale = true;
        staleSearches = 0;
    }

    private long last(int block) {
        return lasts[block];
    }

    /** Quantity at {@code price}, 0 when there is no such level. */
    long qtyAt(long price) {
        return find(key(price)) ? qtys[foundBlock][foundIndex] : 0;
    }

    /** 0-based level of {@code price} from the best, or -1. */
    int levelOf(long price) {
        if (!find(key(price))) {
            return -1;
        }
        int level = counts[foundBlock] - 1 - foundIndex;
        for (int b = foundBlock + 1; b < blocks; b++) {
            level += counts[b];
        }
        return level;
    }

    /** Sets the level at {@code price} to {@code qty}; 0 removes it. Returns whether anything changed. */
    boolean set(long price, long qty) {
        long k = key(price);
        boolean present = find(k);
        int b = foundBlock;
        int i = foundIndex;
        if (qty == 0) {
            if (!present) {
                return false;
            }
            loneQty = NO_LONE_QTY; // a level left: the ranks below it moved (also when it was deep down)
            touch(b, i);
            remove(b, i);
            return true;
        }
        if (present) {
            if (qtys[b][i] == qty) {
                return false;
            }
            qtys[b][i] = qty;
            boolean first = touched == UNTOUCHED;
            touch(b, i);
            loneQty = first && touched != UNTOUCHED ? touched : NO_LONE_QTY;
            return true;
        }
        loneQty = NO_LONE_QTY;
        insert(b, i, k, qty);
        return true;
    }

    /** Inserts key {@code k} where {@link #find} said it goes (block {@code b}, index {@code i}). */
    private void insert(int b, int i, long k, long qty) {
        if (b < 0) {
            b = insertBlock(0);
            i = 0;
        } else if (counts[b] == BLOCK) {
            split(b);
            if (i > counts[b]) {
                i -= counts[b];
                b++;
            }
        }
        long[] bk = keys[b];
        long[] bq = qtys[b];
        int c = counts[b];
        System.arraycopy(bk, i, bk, i + 1, c - i);
        System.arraycopy(bq, i, bq, i + 1, c - i);
        bk[i] = k;
        bq[i] = qty;
        counts[b] = c + 1;
        if (i == c) {
            lasts[b] = k;
        }
        n++;
        touch(b, i);
    }

    private void remove(int b, int i) {
        long[] bk = keys[b];
        long[] bq = qtys[b];
        int c = counts[b] - 1;
        System.arraycopy(bk, i + 1, bk, i, c - i);
        System.arraycopy(bq, i + 1, bq, i, c - i);
        counts[b] = c;
        n--;
        if (i == c && c > 0) {
            lasts[b] = bk[c - 1];
        }
        if (c == 0) {
            removeBlock(b);
        } else if (b + 1 < blocks && c + counts[b + 1] <= BLOCK / 2) {
            merge(b);
        } else if (b > 0 && c + counts[b - 1] <= BLOCK / 2) {
            merge(b - 1);
        }
    }

    /** Moves the upper half of full block {@code b} into a new block after it. */
    private void split(int b) {
        int nb = insertBlock(b + 1);
        int keep = BLOCK / 2;
        int move = counts[b] - keep;
        System.arraycopy(keys[b], keep, keys[nb], 0, move);
        System.arraycopy(qtys[b], keep, qtys[nb], 0, move);
        counts[nb] = move;
        counts[b] = keep;
        lasts[nb] = lasts[b];
        lasts[b] = keys[b][keep - 1];
    }

    /** Appends block {@code b + 1} to block {@code b} and drops it. */
    private void merge(int b) {
        int c = counts[b];
        int m = counts[b + 1];
        System.arraycopy(keys[b + 1], 0, keys[b], c, m);
        System.arraycopy(qtys[b + 1], 0, qtys[b], c, m);
        counts[b] = c + m;
        lasts[b] = lasts[b + 1];
        counts[b + 1] = 0;
        removeBlock(b + 1);
    }

    /** An empty block at position {@code at}; returns {@code at}. */
    private int insertBlock(int at) {
        if (blocks == keys.length) {
            int len = blocks * 2;
            keys = Arrays.copyOf(keys, len);
            qtys = Arrays.copyOf(qtys, len);
            counts = Arrays.copyOf(counts, len);
            lasts = Arrays.copyOf(lasts, len);
        }
        System.arraycopy(keys, at, keys, at + 1, blocks - at);
        System.arraycopy(qtys, at, qtys, at + 1, blocks - at);
        System.arraycopy(counts, at, counts, at + 1, blocks - at);
        System.arraycopy(lasts, at, lasts, at + 1, blocks - at);
        if (spares == 0) {
            keys[at] = new long[BLOCK];
            qtys[at] = new long[BLOCK];
        } else {
            spares--;
            keys[at] = spareKeys[spares];
            qtys[at] = spareQtys[spares];
            spareKeys[spares] = null;
            spareQtys[spares] = null;
        }
        counts[at] = 0;
        blocks++;
        staleDir();
        return at;
    }

    private void removeBlock(int b) {
        free(keys[b], qtys[b]);
        System.arraycopy(keys, b + 1, keys, b, blocks - b - 1);
        System.arraycopy(qtys, b + 1, qtys, b, blocks - b - 1);
        System.arraycopy(counts, b + 1, counts, b, blocks - b - 1);
        System.arraycopy(lasts, b + 1, lasts, b, blocks - b - 1);
        blocks--;
        keys[blocks] = null;
        qtys[blocks] = null;
        counts[blocks] = 0;
        staleDir();
    }

    private void free(long[] k, long[] q) {
        if (spares == spareKeys.length) {
            spareKeys = Arrays.copyOf(spareKeys, spares * 2);
            spareQtys = Arrays.copyOf(spareQtys, spares * 2);
        }
        spareKeys[spares] = k;
        spareQtys[spares] = q;
        spares++;
    }

    /** Keeps only the best {@code depth} levels; returns how many were dropped. */
    int truncate(int depth) {
        if (n <= depth) {
            return 0;
        }
        int drop = n - depth;
        int left = drop;
        while (blocks > 0 && counts[0] <= left) {
            left -= counts[0];
            n -= counts[0];
            removeBlock(0);
        }
        if (left > 0) {
            int c = counts[0] - left;
            System.arraycopy(keys[0], left, keys[0], 0, c);
            System.arraycopy(qtys[0], left, qtys[0], 0, c);
            counts[0] = c;
            n -= left;
        }
        touchRank(depth);
        loneQty = NO_LONE_QTY;
        return drop;
    }
}
