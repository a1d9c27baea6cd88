package io.fluxfix.venue.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The open-addressing ClOrdID index answers as a HashMap with put and remove(key, value) would. */
class OpenOrdersByClOrdIdTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20_261_122})
    void answersAsAHashMapWould(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Order[] orders = new Order[8];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = new Order("O" + i, null, "BTC/USD", null, null, io.fluxfix.model.OrdType.LIMIT, null, null,
                    null, false, 0, "c", 1, 1);
        }
        OpenOrdersByClOrdId index = new OpenOrdersByClOrdId();
        Map<String, Order> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys at times (long probe runs, many removals), many at others (growth).
            int range = step % 50_000 < 25_000 ? 40 : 3_000;
            String key = Long.toString(1_775_572_325_000_000L + random.nextInt(range));
            Order o = orders[random.nextInt(orders.length)];
            switch (random.nextInt(3)) {
                case 0 -> {
                    index.put(key, o);
                    reference.put(key, o);
                }
                case 1 -> {
                    index.remove(key, o);
                    reference.remove(key, o);
                }
                default -> assertThat(index.get(key)).as("seed %d step %d", seed, step).isSameAs(reference.get(key));
            }
            assertThat(index.size()).as("seed %d step %d", seed, step).isEqualTo(reference.size());
        }
        reference.forEach((k, v) -> assertThat(index.get(k)).isSameAs(v));
    }
}
