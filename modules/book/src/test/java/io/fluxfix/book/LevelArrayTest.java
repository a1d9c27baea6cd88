package io.fluxfix.book;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocked side against a sorted map, deep enough that blocks split, merge, empty and come back from the
 * pool: after random sets, deletes, truncations and clears every level, every lookup and the depth agree, and
 * the best price read in O(1) after every step.
 */
class LevelArrayTest {

    @Test
    void deepRandomSidesAgreeWithASortedMapAtEveryLevel() {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            boolean ask = seed % 2 == 0;
            LevelArray side = new LevelArray(ask, 16);
            TreeMap<Long, Long> ref = bestFirst(ask);
            int band = 50 + rnd.nextInt(3_000);
            for (int step = 0; step < 20_000; step++) {
                int op = rnd.nextInt(1_000);
                if (op == 0) {
                    side.clear();
                    ref.clear();
                } else if (op < 4) {
                    int depth = rnd.nextInt(Math.max(1, ref.size() + 5));
                    int dropped = side.truncate(depth);
                    int expected = Math.max(0, ref.size() - depth);
                    while (ref.size() > depth) {
                        ref.pollLastEntry();
                    }
                    assertThat(dropped).as("seed %d step %d", seed, step).isEqualTo(expected);
                } else {
                    long px = 1 + rnd.nextInt(band);
                    long qty = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(1_000);
                    Long before = ref.get(px);
                    boolean changed = set(side, ref, px, qty);
                    assertThat(changed).as("seed %d step %d", seed, step)
                            .isEqualTo(qty == 0 ? before != null : before == null || before != qty);
                }
                // best() (the crossed check's O(1) read) after every step: splits, merges and truncations
                // must keep the last block's last key.
                if (!ref.isEmpty()) {
                    assertThat(side.best()).as("seed %d step %d best", seed, step).isEqualTo(ref.firstKey());
                }
                if (step % 97 == 0 || step > 19_900) {
                    check(side, ref, "seed " + seed + " step " + step);
                }
            }
        }
    }

    @Test
    void deepSidesWithStrayFarLevelsAndGapsAgreeWithASortedMap() {
        // The block directory's buckets are spread over the keys: stray levels far from the rest (at the worst end
        // and, for a moment, at the best), gaps wider than a bucket and a side that keeps losing its blocks' last
        // levels between rebuilds must all still find every level, through the walk, its cut-off and the start
        // below the first block.
        for (long seed = 1; seed <= 10; seed++) {
            Random rnd = new Random(seed);
            boolean ask = seed % 2 == 1;
            LevelArray side = new LevelArray(ask, 16);
            TreeMap<Long, Long> ref = bestFirst(ask);
            long mid = 1_000_000_000L;
            for (int step = 0; step < 30_000; step++) {
                int kind = rnd.nextInt(100);
                long px;
                if (kind < 2) {
                    px = 1 + rnd.nextInt(1_000); // far below the cluster
                } else if (kind < 3) {
                    px = mid * 1_000 + rnd.nextInt(1_000); // far above it
                } else if (kind < 20) {
                    px = mid + 100_000 + rnd.nextInt(50) * 997L; // a sparse band beside it
                } else {
                    px = mid + rnd.nextInt(1_500); // the dense cluster
                }
                set(side, ref, px, rnd.nextInt(5) < 2 ? 0 : 1 + rnd.nextInt(1_000));
                if (step % 211 == 0 || step > 29_950) {
                    check(side, ref, "seed " + seed + " step " + step);
                }
            }
        }
    }

    @Test
    void deepSidesSpanningTheWholeRangeOfPricesAgreeWithASortedMap() {
        // Keys from 1 to just under Long.MAX_VALUE on one side: the directory's span, offsets and bucket starts
        // must not overflow for either sign of key (asks are negated).
        for (boolean ask : new boolean[] {false, true}) {
            Random rnd = new Random(ask ? 5 : 6);
            LevelArray side = new LevelArray(ask, 16);
            TreeMap<Long, Long> ref = bestFirst(ask);
            for (int step = 0; step < 20_000; step++) {
                int kind = rnd.nextInt(10);
                long px = kind == 0 ? 1 + rnd.nextInt(100)
                        : kind == 1 ? Long.MAX_VALUE - 1 - rnd.nextInt(100)
                        : kind < 5 ? 1 + (rnd.nextLong() >>> 1) % (Long.MAX_VALUE - 2)
                        : 1L << 40 | rnd.nextInt(2_000);
                set(side, ref, px, rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000));
                if (step % 499 == 0 || step > 19_980) {
                    check(side, ref, (ask ? "asks" : "bids") + " step " + step);
                }
            }
        }
    }

    @Test
    void everyLevelOfADeepDenseSideIsFoundWithAStrayLevelFarBelowIt() {
        for (boolean ask : new boolean[] {false, true}) {
            LevelArray side = new LevelArray(ask, 16);
            TreeMap<Long, Long> ref = bestFirst(ask);
            long best = 300_000;
            for (int l = 0; l < 1_000; l++) { // best first, as a snapshot comes
                long px = ask ? best + l : best - l;
                side.set(px, 1 + l);
                ref.put(px, 1L + l);
            }
            long stray = ask ? 1_000_000_000L : 1; // the directory now spans it: a bucket holds many blocks
            side.set(stray, 5);
            ref.put(stray, 5L);
            check(side, ref, (ask ? "asks" : "bids") + " with a stray level");
            for (int l = 0; l < 1_000; l += 7) { // levels leave from every block, the directory stays
                long px = ask ? best + l : best - l;
                side.set(px, 0);
                ref.remove(px);
            }
            check(side, ref, (ask ? "asks" : "bids") + " after levels left");
        }
    }

    @Test
    void theBestBlocksLinearScanAgreesWithABinarySearchAtEverySizeAndPositionAroundItsLimit() {
        // searchTop scans the best LINEAR keys one by one, then binary-searches the rest: every key present
        // (even) and absent (odd, between, below and above all) in blocks of every size up to a full block.
        for (int c = 1; c <= LevelArray.BLOCK; c++) {
            long[] a = new long[LevelArray.BLOCK];
            for (int i = 0; i < c; i++) {
                a[i] = 10 + 2L * i;
            }
            for (long k = 7; k <= 10 + 2L * c + 1; k++) {
                assertThat(LevelArray.searchTop(a, c, k)).as("block of %d, key %d", c, k)
                        .isEqualTo(java.util.Arrays.binarySearch(a, 0, c, k));
                assertThat(LevelArray.searchBlock(a, c, k)).as("block of %d, key %d (searchBlock)", c, k)
                        .isEqualTo(java.util.Arrays.binarySearch(a, 0, c, k));
            }
        }
    }

    @Test
    void levelsJustAboveAtAndBelowTheLinearLimitAreFoundSetAndRemovedOnBothSides() {
        for (boolean ask : new boolean[] {false, true}) {
            for (int depth : new int[] {LevelArray.LINEAR, LevelArray.LINEAR + 1, LevelArray.LINEAR + 3,
                    LevelArray.BLOCK + 5}) {
                for (int rank = Math.max(0, LevelArray.LINEAR - 2); rank < Math.min(depth, LevelArray.LINEAR + 2);
                     rank++) {
                    LevelArray side = new LevelArray(ask, 16);
                    TreeMap<Long, Long> ref = bestFirst(ask);
                    for (int l = 0; l < depth; l++) {
                        long px = ask ? 1_000 + 10L * l : 1_000 - 10L * l; // best first
                        side.set(px, 1 + l);
                        ref.put(px, 1L + l);
                    }
                    String what = (ask ? "asks" : "bids") + " depth " + depth + " rank " + rank;
                    long px = ask ? 1_000 + 10L * rank : 1_000 - 10L * rank;
                    assertThat(side.levelOf(px)).as(what).isEqualTo(rank);
                    assertThat(side.set(px, 77)).as(what).isTrue();
                    ref.put(px, 77L);
                    check(side, ref, what + " after a change");
                    long between = ask ? px + 5 : px - 5; // a new level just behind it
                    assertThat(side.qtyAt(between)).as(what).isZero();
                    assertThat(side.set(between, 5)).as(what).isTrue();
                    ref.put(between, 5L);
                    check(side, ref, what + " after an insert behind");
                    assertThat(side.set(px, 0)).as(what).isTrue();
                    ref.remove(px);
                    check(side, ref, what + " after a delete");
                }
            }
        }
    }

    /** The reference side: best first, ascending prices for asks, descending for bids. */
    private static TreeMap<Long, Long> bestFirst(boolean ask) {
        return ask ? new TreeMap<>() : new TreeMap<>(java.util.Comparator.reverseOrder());
    }

    /** Sets a level on the side and on the reference alike (0 removes it); returns what the side returned. */
    private static boolean set(LevelArray side, TreeMap<Long, Long> ref, long px, long qty) {
        if (qty == 0) {
            ref.remove(px);
        } else {
            ref.put(px, qty);
        }
        return side.set(px, qty);
    }

    private static void check(LevelArray side, TreeMap<Long, Long> ref, String what) {
        assertThat(side.size()).as(what).isEqualTo(ref.size());
        List<Map.Entry<Long, Long>> levels = new ArrayList<>(ref.entrySet());
        for (int l = 0; l < levels.size(); l++) {
            long px = levels.get(l).getKey();
            assertThat(side.price(l)).as("%s level %d", what, l).isEqualTo(px);
            assertThat(side.qty(l)).as("%s level %d", what, l).isEqualTo(levels.get(l).getValue());
            assertThat(side.levelOf(px)).as("%s level of %d", what, px).isEqualTo(l);
            assertThat(side.qtyAt(px)).as(what).isEqualTo(levels.get(l).getValue());
        }
        assertThat(side.levelOf(0)).isEqualTo(-1);
        assertThat(side.qtyAt(Long.MAX_VALUE / 2)).isZero();
    }
}
