package io.fluxfix.orders;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The numeric-id table answers as a HashMap of the same operations would, whatever the ids' pattern. */
class NumericIdMapTest {

    /**
     * Increasing ids (Spot's), ids sent and answered at once (the requests table), ids of one stride (small and
     * large), random ids over a small range (repeats) and over the whole range (one page each), each in several
     * seeded runs, through puts, removes, directory growth and sweeps, rollovers and clears.
     */
    @Test
    void answersAsAHashMapThroughPutsRemovesGrowthAndRollovers() {
        for (int seed = 0; seed < 14; seed++) {
            Random random = new Random(seed);
            NumericIdMap<Integer> m = new NumericIdMap<>();
            Map<Long, Integer> expected = new HashMap<>();
            long next = 1 + random.nextInt(1_000_000);
            int pattern = seed % 7;
            boolean sawOverflow = false;
            for (int day = 0; day < 3; day++) {
                for (int op = 0; op < 30_000; op++) {
                    long key = switch (pattern) {
                        case 0, 1 -> next += 1 + random.nextInt(3); // increasing, small gaps
                        case 2 -> 1 + NumericIdMap.PAGE * (long) random.nextInt(20_000); // one page's stride
                        case 3 -> 1 + 1024L * random.nextInt(20_000); // a larger stride
                        case 4 -> 1 + (random.nextLong() >>> 1) % 50_000; // random, with repeats
                        case 5 -> 1 + (random.nextLong() >>> 1) % (Long.MAX_VALUE - 1); // random, a page each
                        default -> Long.MAX_VALUE - random.nextInt(5_000); // the top of the range
                    };
                    Integer v = random.nextInt(100);
                    int what = random.nextInt(10);
                    if (pattern == 1 && what < 8) {
                        // a request: put, answered at once (its page empties and fills again)
                        assertThat(m.putIfAbsent(key, v)).isEqualTo(expected.putIfAbsent(key, v));
                        assertThat(m.remove(key)).isEqualTo(expected.remove(key));
                    } else if (what < 6) {
                        assertThat(m.put(key, v)).isEqualTo(expected.put(key, v));
                    } else if (what < 7) {
                        assertThat(m.putIfAbsent(key, v)).isEqualTo(expected.putIfAbsent(key, v));
                    } else if (what < 9) {
                        // remove an id put a moment ago, or one that is absent
                        long old = random.nextBoolean() ? key : key - 1 - random.nextInt(40);
                        assertThat(m.remove(old)).isEqualTo(expected.remove(old));
                    } else {
                        long probe = random.nextBoolean() ? key : key - random.nextInt(40);
                        assertThat(m.get(probe)).isEqualTo(expected.get(probe));
                        assertThat(m.containsKey(probe)).isEqualTo(expected.containsKey(probe));
                    }
                    if (op % 5_000 == 0) {
                        assertSame(m, expected);
                    }
                    sawOverflow |= m.overflowPages() > 0;
                }
                assertSame(m, expected);
                // the rollover: most entries go
                assertThat(m.removeValuesIf(v -> v < 95)).isEqualTo(expected.values().removeIf(v -> v < 95));
                assertSame(m, expected);
            }
            // the overflow is reached: strided and random ids collide in the ring, and increasing ids' survivors of a
            // rollover are moved there when new pages come round to their slots; ids answered at once never need it
            assertThat(sawOverflow).as("pattern %d", pattern).isEqualTo(pattern != 1);
            m.clear();
            expected.clear();
            assertSame(m, expected);
            assertThat(m.put(next, 1)).isNull();
            assertThat(m.get(next)).isEqualTo(1);
        }
    }

    /** Days of increasing ids with rollovers between them: once a day fits, the directory does not grow again. */
    @Test
    void keepsItsCapacityAcrossRollovers() {
        NumericIdMap<Long> m = new NumericIdMap<>();
        long id = 1_000_000_000L;
        int directoryAfterFirstDay = 0;
        for (int day = 0; day < 4; day++) {
            int madeBefore = m.pagesMade();
            for (int k = 0; k < 32_768; k++, id++) {
                assertThat(m.put(id, id)).isNull();
                if (k % 3 == 1) {
                    assertThat(m.remove(id - 1)).isEqualTo(id - 1); // some go during the day
                }
            }
            // consecutive ids share pages: a day of ids is a day / PAGE pages, not one place per id
            assertThat(m.pagesMade() - madeBefore).isLessThanOrEqualTo(32_768 / NumericIdMap.PAGE + 1);
            if (day == 1) { // the first day held one page less: no survivor of a day before
                directoryAfterFirstDay = m.directoryCapacity();
            }
            // consecutive pages take consecutive ring slots: only the survivors of earlier days' pages (one a day)
            // are moved to the overflow when the ring comes round to their slots
            assertThat(m.overflowPages()).isLessThanOrEqualTo(day);
            final long last = id - 1;
            m.removeValuesIf(v -> v != last); // the rollover: the finished orders go
            assertThat(m.size()).isEqualTo(1);
            assertThat(m.get(last)).isEqualTo(last);
        }
        assertThat(m.directoryCapacity()).isEqualTo(directoryAfterFirstDay);
    }

    /** In the overflow, consecutive pages take consecutive slots (wrapping in their group); pages of one stride spread. */
    @Test
    void consecutivePagesSitSideBySideAndStridesSpread() {
        int mask = (1 << 12) - 1;
        long first = 1_000_000L * NumericIdMap.GROUP;
        int base = NumericIdMap.home(first, mask) & ~(NumericIdMap.GROUP - 1);
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        for (int k = 0; k < NumericIdMap.GROUP; k++) {
            int h = NumericIdMap.home(first + k, mask);
            assertThat(h & ~(NumericIdMap.GROUP - 1)).isEqualTo(base);
            slots.add(h);
        }
        assertThat(slots).hasSize(NumericIdMap.GROUP);
        java.util.Set<Integer> within = new java.util.HashSet<>();
        for (long k = 0; k < 256; k++) {
            within.add(NumericIdMap.home(first + k * NumericIdMap.GROUP, mask) & (NumericIdMap.GROUP - 1));
        }
        assertThat(within).hasSize(NumericIdMap.GROUP);
    }

    /** Ids put and removed at once, forever increasing (the requests table): the table stays small. */
    @Test
    void idsAnsweredAtOnceNeedNoGrowth() {
        NumericIdMap<Long> m = new NumericIdMap<>();
        for (long id = 1_000_000_000L; id < 1_000_200_000L; id++) {
            assertThat(m.putIfAbsent(id, id)).isNull();
            assertThat(m.get(id)).isEqualTo(id);
            assertThat(m.remove(id)).isEqualTo(id);
        }
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.overflowPages()).isZero();
        assertThat(m.directoryCapacity()).isEqualTo(new NumericIdMap<Long>().directoryCapacity());
        assertThat(m.pagesMade()).isLessThanOrEqualTo(new NumericIdMap<Long>().directoryCapacity()); // a ring's worth
    }

    @Test
    void aWalkSeesEveryEntryOnceAndItsRemovalsLeaveTheRestFindable() {
        NumericIdMap<Long> m = new NumericIdMap<>();
        Map<Long, Long> expected = new HashMap<>();
        for (long k = 1_000_000_000L; k < 1_000_020_000L; k += 1 + (k % 3)) {
            m.put(k, k);
            expected.put(k, k);
        }
        Map<Long, Long> walked = new HashMap<>();
        for (NumericIdMap<Long>.Cursor c = m.cursor(); c.hasNext(); ) {
            c.advance();
            assertThat(walked.put(c.key(), c.value())).isNull();
            if (c.key() % 5 == 0) {
                c.remove();
                expected.remove(c.key());
            }
        }
        assertThat(walked).hasSize(13_333);
        assertSame(m, expected);
    }

    /** A rollover that empties the page last used: ids put into that page afterwards are found, and walked. */
    @Test
    void aPageEmptiedByARolloverIsNotWrittenThroughAStaleReference() {
        NumericIdMap<Long> m = new NumericIdMap<>();
        long first = 1_000_000L * NumericIdMap.PAGE;
        for (long k = first; k < first + 5; k++) {
            m.put(k, k);
        }
        assertThat(m.removeValuesIf(v -> true)).isTrue();
        m.put(first + 6, first + 6); // the same page as the last put
        m.put(first + 10 * NumericIdMap.PAGE, 0L); // another page becomes the last one used
        assertThat(m.get(first + 6)).isEqualTo(first + 6);
        assertSame(m, Map.of(first + 6, first + 6, first + 10 * NumericIdMap.PAGE, 0L));
    }

    @Test
    void refusesWhatItCannotHold() {
        NumericIdMap<String> m = new NumericIdMap<>();
        assertThatIllegalArgumentException().isThrownBy(() -> m.put(0, "zero"));
        assertThatIllegalArgumentException().isThrownBy(() -> m.put(-5, "negative"));
        assertThatNullPointerException().isThrownBy(() -> m.put(5, null));
        assertThat(m.get(0)).isNull();
        assertThat(m.remove(-1)).isNull();
        assertThat(m.containsKey(0)).isFalse();
        assertThat(m.size()).isZero();
    }

    private static <V> void assertSame(NumericIdMap<V> m, Map<Long, V> expected) {
        assertThat(m.size()).isEqualTo(expected.size());
        assertThat(m.isEmpty()).isEqualTo(expected.isEmpty());
        Map<Long, V> found = new HashMap<>();
        for (Long k : expected.keySet()) {
            found.put(k, m.get(k));
        }
        assertThat(found).isEqualTo(expected);
        Map<Long, V> walked = new HashMap<>();
        for (NumericIdMap<V>.Cursor c = m.cursor(); c.hasNext(); ) {
            c.advance();
            walked.put(c.key(), c.value());
        }
        assertThat(walked).isEqualTo(expected);
    }
}
