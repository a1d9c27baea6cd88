package io.fluxfix.venue.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A book side keeps the levels a TreeMap in price priority would keep, in the same order. */
class BookSideTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20_261_122})
    void levelsComeAndGoInPriceOrderAsATreeMapKeepsThem(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (boolean bids : new boolean[]{true, false}) {
            BookSide side = new BookSide(bids);
            TreeMap<Long, PriceLevel> reference = bids ? new TreeMap<>(Comparator.reverseOrder()) : new TreeMap<>();
            for (int step = 0; step < 20_000; step++) {
                long price = 1 + random.nextInt(random.nextBoolean() ? 50 : 3_000);
                if (random.nextInt(3) > 0) {
                    PriceLevel level = side.getOrOpen(price);
                    PriceLevel expected = reference.computeIfAbsent(price, p -> level);
                    assertThat(level).as("seed %d step %d", seed, step).isSameAs(expected);
                } else {
                    PriceLevel level = side.get(price);
                    assertThat(level).as("seed %d step %d", seed, step).isSameAs(reference.get(price));
                    if (level != null) {
                        side.remove(level);
                        reference.remove(price);
                    }
                }
                assertThat(side.size()).isEqualTo(reference.size());
                assertThat(side.best()).isSameAs(reference.isEmpty() ? null : reference.firstEntry().getValue());
            }
            List<PriceLevel> inOrder = new ArrayList<>();
            for (int i = 0; i < side.size(); i++) {
                inOrder.add(side.level(i));
            }
            assertThat(inOrder).containsExactlyElementsOf(reference.values());
        }
    }
}
