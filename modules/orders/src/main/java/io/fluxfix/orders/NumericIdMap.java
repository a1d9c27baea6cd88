package io.fluxfix.orders;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Values by plain numeric ClOrdID ({@link ClOrdIdSet#key}: a positive {@code long}), in two levels: the ids are
 * taken in pages of {@value #PAGE} consecutive ids, a page is an array indexed directly by the id's low bits (no
 * key stored, no probing: a slot is an id), and pages are found by their number
 * ({@code id >>> }{@value #PAGE_BITS}) in a <em>ring</em>, a table indexed directly by the number's low bits, with
 * no probing either.
 * Kraken Spot's numeric ids increase, so an order's id, its cancel's id and the next orders' ids share a page,
 * consecutive pages take consecutive ring slots, and the page last used is kept at hand: a put or lookup is a
 * couple of array reads, and a new page is a new array in the next ring slot (made where the thread allocates: hot,
 * where a page kept since the ring last came round would be cold; a ring of a few KB, whose pages stay in the
 * caches, reuses them). The ring grows (doubles) while more than half of it holds pages in use, so a day of
 * increasing ids fits, and its capacity is kept.
 *
 * <p>Ids of any other pattern are kept correctly too. When two pages in use want one ring slot (an order that
 * outlived the ring's span of ids; ids of one stride; random ids), the older goes to the <em>overflow</em>, open
 * addressing over page numbers whose slot function hashes groups of {@value #GROUP} consecutive numbers (so one
 * stride of ids, or random ids, spread); a lookup that misses the ring looks there (only when it holds pages).
 * Random ids take a page each at worst (~80 bytes, about what a {@code HashMap} entry of a text id costs). A page
 * that empties in the overflow stays until the overflow fills, then the empty ones are swept out together; a few
 * are kept for reuse. {@link #clear} and {@link #removeValuesIf} keep the capacities, so a table grown to a day of
 * ids is not grown again the next day. Keys must be positive, values not null. Not thread-safe: the sink uses it
 * under its lock.
 */
final class NumericIdMap<V> {

    static final int PAGE_BITS = 4;
    /** Consecutive ids in one page: 16 references are one or two cache lines. */
    static final int PAGE = 1 << PAGE_BITS;
    private static final int MIN_RING = 16;
    /**
     * A ring this small (its pages a few KB) reuses the empty page of a slot it comes round to: it is still in the
     * caches (the requests table's: ids answered a moment after they were put). A larger ring makes a new page.
     */
    static final int SMALL_RING = 64;
    private static final int MIN_DIRECTORY = 16;
    private static final int GROUP_BITS = 3;
    /** Consecutive pages that share a place in the overflow directory (8 page numbers are one cache line). */
    static final int GROUP = 1 << GROUP_BITS;
    /** Empty pages of the overflow kept for reuse (the ring keeps its pages in place). */
    static final int MAX_SPARE = 64;

    /** The ring: a slot's page number + 1 (0: none), its page (may be kept empty for reuse), its id count. */
    private long[] ringNumbers;
    private Object[][] ringPages;
    private int[] ringCounts;
    /** Ring slots whose page holds ids. */
    private int ringLive;

    /** The overflow directory: a slot's page number + 1 (0: empty slot), its page, its id count. */
    private long[] numbers;
    private Object[][] pages;
    private int[] counts;
    /** Overflow slots in use (empty pages included), and how many of those pages are empty. */
    private int used;
    private int emptyPages;
    /** Empty pages of the overflow, all slots null, to be taken again (at most {@link #MAX_SPARE}). */
    private Object[][] spare = new Object[8][];
    private int spareCount;

    private int size;
    /** The page last found or made: its number + 1 (0: none), the page, and its count's array and index. */
    private long lastNumber;
    private Object[] lastPage;
    private int[] lastCounts;
    private int lastSlot;
    private boolean lastInRing;
    /** Pages allocated so far (for tests). */
    private int pagesMade;

    NumericIdMap() {
        this(MIN_RING * PAGE / 2);
    }

    /** A table that holds {@code expected} consecutive ids before its ring first grows. */
    NumericIdMap(int expected) {
        int capacity = MIN_RING;
        while (capacity / 2 < (expected + PAGE - 1) / PAGE) {
            capacity *= 2;
        }
        ringNumbers = new long[capacity];
        ringPages = new Object[capacity][];
        ringCounts = new int[capacity];
        numbers = new long[MIN_DIRECTORY];
        pages = new Object[MIN_DIRECTORY][];
        counts = new int[MIN_DIRECTORY];
    }

    /**
     * The overflow slot where the search for page {@code number} (+ 1) starts. Pages are taken in groups of
     * {@value #GROUP} consecutive numbers: a group's place is hashed (Fibonacci), and within the group a page's
     * place follows its number, rotated by the group's hash (so pages of one stride still spread).
     */
    static int home(long number, int mask) {
        long h = (number >>> GROUP_BITS) * 0x9E3779B97F4A7C15L;
        int spread = (int) (h ^ (h >>> 32));
        int within = (int) ((number + (spread >>> (32 - GROUP_BITS))) & (GROUP - 1));
        return ((spread & ~(GROUP - 1)) | within) & mask;
    }

    private static long check(long key) {
        if (key <= 0) {
            throw new IllegalArgumentException("numeric ids are positive: " + key);
        }
        return key;
    }

    /** Finds page {@code number} (+ 1), in the ring or the overflow, and makes it the last page; false if absent. */
    private boolean locate(long number) {
        if (number == lastNumber) {
            return true;
        }
        int r = (int) number & (ringNumbers.length - 1);
        if (ringNumbers[r] == number) {
            remember(number, ringPages[r], ringCounts, r, true);
            return true;
        }
        if (used == 0) {
            return false;
        }
        int mask = numbers.length - 1;
        for (int i = home(number, mask); ; i = (i + 1) & mask) {
            long n = numbers[i];
            if (n == number) {
                remember(number, pages[i], counts, i, false);
                return true;
            }
            if (n == 0) {
                return false;
            }
        }
    }

    private void remember(long number, Object[] page, int[] countsOf, int slot, boolean inRing) {
        lastNumber = number;
        lastPage = page;
        lastCounts = countsOf;
        lastSlot = slot;
        lastInRing = inRing;
    }

    private void forget() {
        lastNumber = 0;
        lastPage = null;
        lastCounts = null;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key <= 0 || !locate((key >>> PAGE_BITS) + 1)) {
            return null;
        }
        return (V) lastPage[(int) key & (PAGE - 1)];
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** Maps {@code key} to {@code value}; returns the value it had, or null. */
    V put(long key, V value) {
        return put(key, value, true);
    }

    /** Maps {@code key} to {@code value} unless it is mapped; returns the value it had, or null. */
    V putIfAbsent(long key, V value) {
        return put(key, value, false);
    }

    @SuppressWarnings("unchecked")
    private V put(long key, V value, boolean replace) {
        check(key);
        Objects.requireNonNull(value, "value");
        long number = (key >>> PAGE_BITS) + 1;
        int at = (int) key & (PAGE - 1);
        if (!locate(number)) {
            addPage(number);
            lastPage[at] = value; // a page just added is empty: nothing to read first
        } else {
            V old = (V) lastPage[at];
            if (old != null) {
                if (replace) {
                    lastPage[at] = value;
                }
                return old;
            }
            lastPage[at] = value;
        }
        if (lastCounts[lastSlot]++ == 0) {
            if (lastInRing) {
                ringLive++;
            } else {
                emptyPages--;
            }
        }
        size++;
        return null;
    }

    /**
     * Adds an empty page {@code number} (+ 1) in its ring slot: the slot's page, if any, is empty (its ids gone long
     * ago) and is replaced by a new one (reused in a small ring), or holds ids of an older page, which moves to the
     * overflow (an order that outlived the ring's span of ids: the newest ids keep the ring). A newer page in the
     * slot sends this one to the overflow instead. The ring grows first while more than half of it is in use.
     */
    private void addPage(long number) {
        int r = (int) number & (ringNumbers.length - 1);
        if (ringNumbers[r] != 0 && ringCounts[r] != 0 && ringLive + 1 > ringNumbers.length / 2) {
            growRing();
            r = (int) number & (ringNumbers.length - 1);
        }
        if (ringNumbers[r] != 0 && ringCounts[r] != 0) {
            if (ringNumbers[r] > number) {
                int i = addToOverflow(number, newPage(), 0);
                remember(number, pages[i], counts, i, false);
                return;
            }
            addToOverflow(ringNumbers[r], ringPages[r], ringCounts[r]);
            ringLive--;
            ringPages[r] = null;
        }
        Object[] page = ringPages[r];
        if (page == null || ringNumbers.length > SMALL_RING) {
            page = ringPages[r] = new Object[PAGE]; // hot where the thread allocates; see dropRingPage
            pagesMade++;
        }
        ringNumbers[r] = number;
        ringCounts[r] = 0;
        remember(number, page, ringCounts, r, true);
    }

    private Object[] newPage() {
        if (spareCount > 0) {
            Object[] page = spare[--spareCount];
            spare[spareCount] = null;
            return page;
        }
        pagesMade++;
        return new Object[PAGE];
    }

    /** The ring at twice its capacity, with its pages in use (its empty ones dropped). */
    private void growRing() {
        long[] oldNumbers = ringNumbers;
        Object[][] oldPages = ringPages;
        int[] oldCounts = ringCounts;
        int capacity = oldNumbers.length * 2;
        ringNumbers = new long[capacity];
        ringPages = new Object[capacity][];
        ringCounts = new int[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldNumbers.length; j++) {
            if (oldNumbers[j] != 0 && oldCounts[j] != 0) {
                // numbers apart in the old ring's low bits are apart in the new one's: no two meet
                int r = (int) oldNumbers[j] & mask;
                ringNumbers[r] = oldNumbers[j];
                ringPages[r] = oldPages[j];
                ringCounts[r] = oldCounts[j];
            }
        }
        forget();
    }

    /**
     * Puts page {@code number} (+ 1), holding {@code count} ids, in the overflow (sweeping or growing it first if it
     * is full).
     */
    private int addToOverflow(long number, Object[] page, int count) {
        if (used + 1 > numbers.length / 2) {
            // sweep when at least a quarter of the pages are empty (so sweeps stay as far apart), else grow
            if (emptyPages > 0 && emptyPages >= used / 4) {
                sweep();
            }
            if (used + 1 > numbers.length / 2) {
                grow();
            }
        }
        int mask = numbers.length - 1;
        int i = home(number, mask);
        while (numbers[i] != 0) {
            i = (i + 1) & mask;
        }
        numbers[i] = number;
        pages[i] = page;
        counts[i] = count;
        used++;
        if (count == 0) {
            emptyPages++;
        }
        return i;
    }

    /** Takes the empty pages out of the overflow, in place (kept as spares, up to {@link #MAX_SPARE}). */
    private void sweep() {
        int mask = numbers.length - 1;
        // start after an empty slot, so no run wraps past the end of the walk
        int start = 0;
        while (numbers[start] != 0) {
            start++;
        }
        for (int k = 1; k <= numbers.length; k++) {
            int i = (start + k) & mask;
            while (numbers[i] != 0 && counts[i] == 0) {
                keepSpare(pages[i]);
                deleteSlot(i); // may move a later entry of the run into i: look at i again
                emptyPages--;
            }
        }
        forget();
    }

    /** Empties overflow slot {@code hole}; the entries after it in its run move back (no tombstone). */
    private void deleteSlot(int hole) {
        int mask = numbers.length - 1;
        for (int j = (hole + 1) & mask; numbers[j] != 0; j = (j + 1) & mask) {
            int h = home(numbers[j], mask);
            // the entry at j may fill the hole if its home is not in the cyclic range (hole, j]
            if (((j - h) & mask) >= ((j - hole) & mask)) {
                numbers[hole] = numbers[j];
                pages[hole] = pages[j];
                counts[hole] = counts[j];
                hole = j;
            }
        }
        numbers[hole] = 0;
        pages[hole] = null;
        counts[hole] = 0;
        used--;
    }

    /** The overflow at twice its capacity, without its empty pages. */
    private void grow() {
        long[] oldNumbers = numbers;
        Object[][] oldPages = pages;
        int[] oldCounts = counts;
        int capacity = oldNumbers.length * 2;
        numbers = new long[capacity];
        pages = new Object[capacity][];
        counts = new int[capacity];
        int mask = capacity - 1;
        used = 0;
        emptyPages = 0;
        for (int j = 0; j < oldNumbers.length; j++) {
            long n = oldNumbers[j];
            if (n == 0) {
                continue;
            }
            if (oldCounts[j] == 0) {
                keepSpare(oldPages[j]);
                continue;
            }
            int i = home(n, mask);
            while (numbers[i] != 0) {
                i = (i + 1) & mask;
            }
            numbers[i] = n;
            pages[i] = oldPages[j];
            counts[i] = oldCounts[j];
            used++;
        }
        forget();
    }

    private void keepSpare(Object[] page) {
        if (spareCount == MAX_SPARE) {
            return;
        }
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = page;
    }

    /** Removes {@code key}; returns its value, or null. Its page stays (empty, maybe). */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key <= 0 || !locate((key >>> PAGE_BITS) + 1)) {
            return null;
        }
        int at = (int) key & (PAGE - 1);
        V old = (V) lastPage[at];
        if (old != null) {
            lastPage[at] = null;
            size--;
            if (--lastCounts[lastSlot] == 0) {
                if (lastInRing) {
                    ringLive--;
                } else {
                    emptyPages++;
                }
            }
        }
        return old;
    }

    /** Pages allocated since the table was made (reused pages not counted again). */
    int pagesMade() {
        return pagesMade;
    }

    /** Ring and overflow slots (for tests: they grow with the pages held, and not again once those are gone). */
    int directoryCapacity() {
        return ringNumbers.length + numbers.length;
    }

    /** Pages in the overflow (for tests: increasing ids never need it). */
    int overflowPages() {
        return used;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Empties the table, keeping its capacities (and a few of the overflow's pages, as spares). */
    void clear() {
        Arrays.fill(ringNumbers, 0);
        Arrays.fill(ringPages, null);
        Arrays.fill(ringCounts, 0);
        ringLive = 0;
        for (int j = 0; j < numbers.length; j++) {
            if (numbers[j] != 0) {
                Arrays.fill(pages[j], null);
                keepSpare(pages[j]);
            }
        }
        Arrays.fill(numbers, 0);
        Arrays.fill(pages, null);
        Arrays.fill(counts, 0);
        used = 0;
        emptyPages = 0;
        size = 0;
        forget();
    }

    /**
     * Removes every entry whose value {@code drop} accepts, keeping the capacities; the overflow pages it empties
     * are swept out at once (at a rollover nearly every entry goes). Returns whether any entry went.
     */
    boolean removeValuesIf(Predicate<? super V> drop) {
        int before = size;
        for (int r = 0; r < ringNumbers.length; r++) {
            if (ringCounts[r] != 0 && (ringCounts[r] = dropFrom(ringPages[r], ringCounts[r], drop)) == 0) {
                ringLive--;
            }
            if (ringCounts[r] == 0) {
                dropRingPage(r);
            }
        }
        for (int j = 0; j < numbers.length; j++) {
            if (numbers[j] != 0 && counts[j] != 0 && (counts[j] = dropFrom(pages[j], counts[j], drop)) == 0) {
                emptyPages++;
            }
        }
        if (emptyPages > 0) {
            sweep();
        }
        forget(); // the last page may have been let go of
        return size != before;
    }

    /**
     * Lets go of the empty page of ring slot {@code r}: by the time the ring comes round to the slot again, a page
     * made then is in memory the thread has just allocated (hot, and young: storing into it costs the collector's
     * write barrier nothing), where this one would be cold.
     */
    private void dropRingPage(int r) {
        ringNumbers[r] = 0;
        ringPages[r] = null;
    }

    /** Removes the entries of {@code page} that {@code drop} accepts; returns how many are left of {@code count}. */
    @SuppressWarnings("unchecked")
    private int dropFrom(Object[] page, int count, Predicate<? super V> drop) {
        for (int at = 0; at < PAGE; at++) {
            Object v = page[at];
            if (v != null && drop.test((V) v)) {
                page[at] = null;
                size--;
                count--;
            }
        }
        return count;
    }

    /** A walk over the entries as they are when it starts; {@link #remove} removes the last one from the map. */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private final long[] walkedKeys = new long[size];
        private final Object[] walkedValues = new Object[size];
        private int next;
        private int current = -1;
        private boolean removed;
        private int n;

        Cursor() {
            for (int r = 0; r < ringNumbers.length; r++) {
                if (ringCounts[r] != 0) {
                    take(ringNumbers[r], ringPages[r]);
                }
            }
            for (int j = 0; j < numbers.length; j++) {
                if (numbers[j] != 0 && counts[j] != 0) {
                    take(numbers[j], pages[j]);
                }
            }
        }

        private void take(long number, Object[] page) {
            long first = (number - 1) << PAGE_BITS;
            for (int at = 0; at < PAGE; at++) {
                if (page[at] != null) {
                    walkedKeys[n] = first | at;
                    walkedValues[n++] = page[at];
                }
            }
        }

        boolean hasNext() {
            return next < walkedKeys.length;
        }

        /** Moves to the next entry. */
        void advance() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            current = next++;
            removed = false;
        }

        long key() {
            return walkedKeys[current];
        }

        @SuppressWarnings("unchecked")
        V value() {
            return (V) walkedValues[current];
        }

        void remove() {
            if (current < 0 || removed) {
                throw new IllegalStateException();
            }
            NumericIdMap.this.remove(walkedKeys[current]);
            removed = true;
        }
    }
}
