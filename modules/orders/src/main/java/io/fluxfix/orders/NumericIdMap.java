package io.fluxfix.orders;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Values by plain numeric ClOrdID ({@link ClOrdIdSet#key}: a positive {@code long}), in two levels: the ids are
 * taken in pages of {@value #PAGE} consecutive ids, a page is an array indexed directly by the id's low bits (no
 * key stored, no probing: a slot is an id), and a small open-addressing directory finds a page by its number
 * ({@code id >>> }{@value #PAGE_BITS}). Kraken Spot's numeric ids increase, so an order's id, its cancel's id and
 * the next orders' ids share a page: the page last used is kept at hand, and a put or lookup there is an array
 * read or write; a new page costs one directory probe in a table of one entry per page (a day of ids is a few
 * thousand pages, and the directory's runs stay short whatever the ids' pattern, since it hashes page numbers).
 * Ids of any other pattern (one stride, random) are kept correctly too, each in its page: at worst one page per
 * id (~80 bytes, about what a {@code HashMap} entry of a text id costs). Keys must be positive, values not null.
 *
 * <p>A page that empties stays in the directory until the directory fills, then the empty pages are swept out
 * together (a page emptied and refilled a moment later, as the requests table's, is not moved each time).
 * Swept pages are kept for reuse, and {@link #clear} and {@link #removeValuesIf} keep the directory's capacity,
 * so a table grown to a day of ids does not allocate again the next day. Not thread-safe: the sink uses it under
 * its lock.
 */
final class NumericIdMap<V> {

    static final int PAGE_BITS = 4;
    /** Consecutive ids in one page: 16 references are one cache line of a compressed-oops heap (or two). */
    static final int PAGE = 1 << PAGE_BITS;
    private static final int MIN_DIRECTORY = 16;

    /** A directory slot's page number + 1; 0 when the slot is empty. */
    private long[] numbers;
    private Object[][] pages;
    /** How many ids each directory slot's page holds. */
    private int[] counts;
    /** Directory slots in use (empty pages included), and how many of those pages are empty. */
    private int used;
    private int emptyPages;
    private int size;
    /** Pages swept out or cleared, all slots null, to be taken again. */
    private Object[][] spare = new Object[8][];
    private int spareCount;
    /** The page last found or made, its number + 1 (0: none) and its directory slot. */
    private long lastNumber;
    private Object[] lastPage;
    private int lastSlot;
    /** Pages allocated so far (for tests: a table that keeps its capacity stops making them). */
    private int pagesMade;

    NumericIdMap() {
        this(MIN_DIRECTORY * PAGE / 2);
    }

    /** A table that holds {@code expected} consecutive ids before its directory first grows. */
    NumericIdMap(int expected) {
        int capacity = MIN_DIRECTORY;
        while (capacity / 2 < (expected + PAGE - 1) / PAGE) {
            capacity *= 2;
        }
        numbers = new long[capacity];
        pages = new Object[capacity][];
        counts = new int[capacity];
    }

    /** The directory slot where the search for page {@code number} (+ 1) starts: Fibonacci hashing. */
    private static int home(long number, int mask) {
        long h = number * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private static long check(long key) {
        if (key <= 0) {
            throw new IllegalArgumentException("numeric ids are positive: " + key);
        }
        return key;
    }

    /** The directory slot of page {@code number} (+ 1), or -1; remembers it as the last page. */
    private int find(long number) {
        if (number == lastNumber) {
            return lastSlot;
        }
        int mask = numbers.length - 1;
        for (int i = home(number, mask); ; i = (i + 1) & mask) {
            long n = numbers[i];
            if (n == number) {
                remember(number, i);
                return i;
            }
            if (n == 0) {
                return -1;
            }
        }
    }

    private void remember(long number, int slot) {
        lastNumber = number;
        lastSlot = slot;
        lastPage = pages[slot];
    }

    private void forget() {
        lastNumber = 0;
        lastPage = null;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        if (key <= 0) {
            return null;
        }
        long number = (key >>> PAGE_BITS) + 1;
        if (number == lastNumber) {
            return (V) lastPage[(int) key & (PAGE - 1)];
        }
        int i = find(number);
        return i < 0 ? null : (V) pages[i][(int) key & (PAGE - 1)];
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
        int i = find(number);
        if (i < 0) {
            i = addPage(number);
        }
        Object[] page = pages[i];
        int at = (int) key & (PAGE - 1);
        V old = (V) page[at];
        if (old != null) {
            if (replace) {
                page[at] = value;
            }
            return old;
        }
        page[at] = value;
        if (counts[i]++ == 0) {
            emptyPages--;
        }
        size++;
        return null;
    }

    /** Puts an empty page for {@code number} (+ 1) in the directory (sweeping or growing it first if it is full). */
    private int addPage(long number) {
        if (used + 1 > numbers.length / 2) {
            // sweep when at least a quarter of the pages are empty (so sweeps stay as far apart), else grow
            if (emptyPages > 0 && emptyPages >= used / 4) {
                rebuild(numbers.length);
            }
            if (used + 1 > numbers.length / 2) {
                rebuild(numbers.length * 2);
            }
        }
        int mask = numbers.length - 1;
        int i = home(number, mask);
        while (numbers[i] != 0) {
            i = (i + 1) & mask;
        }
        numbers[i] = number;
        if (spareCount > 0) {
            pages[i] = spare[--spareCount];
        } else {
            pages[i] = new Object[PAGE];
            pagesMade++;
        }
        counts[i] = 0;
        used++;
        emptyPages++;
        remember(number, i);
        return i;
    }

    /** The directory again at {@code capacity}, without its empty pages (kept as spares). */
    private void rebuild(int capacity) {
        long[] oldNumbers = numbers;
        Object[][] oldPages = pages;
        int[] oldCounts = counts;
        if (capacity != oldNumbers.length) {
            numbers = new long[capacity];
            pages = new Object[capacity][];
            counts = new int[capacity];
        } else {
            oldNumbers = oldNumbers.clone();
            oldPages = oldPages.clone();
            oldCounts = oldCounts.clone();
            Arrays.fill(numbers, 0);
            Arrays.fill(pages, null);
            Arrays.fill(counts, 0);
        }
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
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = page;
    }

    /** Removes {@code key}; returns its value, or null. Its page stays (empty, maybe) until the next sweep. */
    @SuppressWarnings("unchecked")
    V remove(long key) {
        if (key <= 0) {
            return null;
        }
        int i = find((key >>> PAGE_BITS) + 1);
        if (i < 0) {
            return null;
        }
        Object[] page = pages[i];
        int at = (int) key & (PAGE - 1);
        V old = (V) page[at];
        if (old != null) {
            page[at] = null;
            size--;
            if (--counts[i] == 0) {
                emptyPages++;
            }
        }
        return old;
    }

    /** Pages allocated since the table was made (reused pages not counted again). */
    int pagesMade() {
        return pagesMade;
    }

    /** Directory slots (for tests: it grows with the pages held, and not again once they are swept). */
    int directoryCapacity() {
        return numbers.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Empties the table, keeping the directory's capacity and its pages (as spares). */
    void clear() {
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
     * Removes every entry whose value {@code drop} accepts, keeping the capacity; the pages it empties are swept
     * out at once (at a rollover nearly every entry goes). Returns whether any entry went.
     */
    @SuppressWarnings("unchecked")
    boolean removeValuesIf(Predicate<? super V> drop) {
        int before = size;
        for (int j = 0; j < numbers.length; j++) {
            if (numbers[j] == 0 || counts[j] == 0) {
                continue;
            }
            Object[] page = pages[j];
            for (int at = 0; at < PAGE; at++) {
                Object v = page[at];
                if (v != null && drop.test((V) v)) {
                    page[at] = null;
                    size--;
                    counts[j]--;
                }
            }
            if (counts[j] == 0) {
                emptyPages++;
            }
        }
        if (emptyPages > 0) {
            rebuild(numbers.length);
        }
        return size != before;
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

        Cursor() {
            int n = 0;
            for (int j = 0; j < numbers.length; j++) {
                if (numbers[j] == 0 || counts[j] == 0) {
                    continue;
                }
                long first = (numbers[j] - 1) << PAGE_BITS;
                Object[] page = pages[j];
                for (int at = 0; at < PAGE; at++) {
                    if (page[at] != null) {
                        walkedKeys[n] = first | at;
                        walkedValues[n++] = page[at];
                    }
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
