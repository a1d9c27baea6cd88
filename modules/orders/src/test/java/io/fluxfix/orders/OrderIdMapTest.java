package io.fluxfix.orders;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The venue-order-id table answers as a HashMap of the same puts would, through growth and rollovers. */
class OrderIdMapTest {

    @Test
    void answersAsAHashMapThroughGrowthAndRollovers() {
        OrderIdMap<Integer> m = new OrderIdMap<>();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 20_000; i++) {
                // Kraken-like ids, some of them colliding in their String hash ("Aa" and "BB" hash alike)
                String id = (random.nextBoolean() ? "Aa" : "BB") + "-O" + random.nextInt(30_000) + "-" + day;
                Integer v = random.nextInt(100);
                assertThat(m.put(id, v)).isEqualTo(expected.put(id, v));
            }
            assertThat(m.size()).isEqualTo(expected.size());
            for (String id : expected.keySet()) {
                assertThat(m.get(id)).isEqualTo(expected.get(id));
            }
            assertThat(m.get("Aa-O1-" + (day + 1))).isNull();
            // the rollover: most entries go
            m.removeValuesIf(v -> v < 95);
            expected.values().removeIf(v -> v < 95);
            assertThat(m.size()).isEqualTo(expected.size());
            for (String id : expected.keySet()) {
                assertThat(m.get(id)).isEqualTo(expected.get(id));
            }
        }
    }

    @Test
    void aNullIdIsRefused() {
        OrderIdMap<Integer> m = new OrderIdMap<>();
        assertThatNullPointerException().isThrownBy(() -> m.put(null, 1));
        assertThatNullPointerException().isThrownBy(() -> m.get(null));
    }
}
