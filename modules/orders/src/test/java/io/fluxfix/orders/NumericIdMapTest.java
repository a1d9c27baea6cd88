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

    /** Increasing ids (Spot's), ids of one power-of-two stride, and random ones, each in several seeded runs. */
    @Test
    void answersAsAHashMapThroughPutsRemovesGrowthAndRollovers() {
        for (int seed = 0; seed < 6; seed++) {
            Random random = new Random(seed);
            NumericIdMap<Integer> m = new NumericIdMap<>();
            Map<Long, Integer> expected = new HashMap<>();
            long next = 1 + random.nextInt(1_000_000);
            for (int day = 0; day < 3; day++) {
                for (int op = 0; op < 30_000; op++) {
                    long key = switch (seed % 3) {
                        case 0 -> next += 1 + random.nextInt(3); // increasing, small gaps
                        case 1 -> 1 + 1024L * random.nextInt(20_000); // one stride: every id in one place of its block
                        default -> 1 + (random.nextLong() >>> 1) % 50_000; // random, with repeats
                    };
                    Integer v = random.nextInt(100);
                    int what = random.nextInt(10);
                    if (what < 6) {
                        assertThat(m.put(key, v)).isEqualTo(expected.put(key, v));
                    } else if (what < 7) {
                        assertThat(m.putIfAbsent(key, v)).isEqualTo(expected.putIfAbsent(key, v));
                    } else if (what < 9) {
                        // remove an id put a moment ago, or one that is absent
                        long old = random.nextBoolean() ? key : key - 1 - random.nextInt(8);
                        assertThat(m.remove(old)).isEqualTo(expected.remove(old));
                    } else {
                        assertThat(m.get(key)).isEqualTo(expected.get(key));
                        assertThat(m.containsKey(key)).isEqualTo(expected.containsKey(key));
                    }
                }
                assertSame(m, expected);
                // the rollover: most entries go
                assertThat(m.removeValuesIf(v -> v < 95)).isEqualTo(expected.values().removeIf(v -> v < 95));
                assertSame(m, expected);
            }
            m.clear();
            expected.clear();
            assertSame(m, expected);
            assertThat(m.put(next, 1)).isNull();
            assertThat(m.get(next)).isEqualTo(1);
        }
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

    @Test
    void consecutiveIdsShareTheirPlaceAndEveryStrideSpreads() {
        int mask = (1 << 16) - 1;
        // a block of 16 consecutive ids takes 16 consecutive slots (two cache lines of keys), wrapping in the block
        long first = 1_000_000_000L * NumericIdMap.BLOCK;
        int base = NumericIdMap.home(first, mask) & ~(NumericIdMap.BLOCK - 1);
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        for (int k = 0; k < NumericIdMap.BLOCK; k++) {
            int h = NumericIdMap.home(first + k, mask);
            assertThat(h & ~(NumericIdMap.BLOCK - 1)).isEqualTo(base);
            slots.add(h);
        }
        assertThat(slots).hasSize(NumericIdMap.BLOCK);
        // ids 16 apart do not all land at one place of their blocks
        java.util.Set<Integer> within = new java.util.HashSet<>();
        for (long k = 0; k < 256; k++) {
            within.add(NumericIdMap.home(first + k * NumericIdMap.BLOCK, mask) & (NumericIdMap.BLOCK - 1));
        }
        assertThat(within).hasSizeGreaterThan(12);
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
        for (Map.Entry<Long, V> e : expected.entrySet()) {
            assertThat(m.get(e.getKey())).isEqualTo(e.getValue());
        }
        Map<Long, V> walked = new HashMap<>();
        for (NumericIdMap<V>.Cursor c = m.cursor(); c.hasNext(); ) {
            c.advance();
            walked.put(c.key(), c.value());
        }
        assertThat(walked).isEqualTo(expected);
    }
}
