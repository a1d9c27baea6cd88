package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live orders keep entry order, hold an order once, and let any order leave (first, middle, last). */
class LiveOrdersTest {

    private static Order order(String id) {
        return new Order(id, null, "BTC/USD", Side.BUY, OrdType.LIMIT, Decimal.parse("1"), Decimal.parse("1"));
    }

    @Test
    void keepsEntryOrderAndLetsAnyOrderLeave() {
        LiveOrders live = new LiveOrders();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(order(Integer.toString(i + 1)));
            assertThat(live.add(orders.get(i))).isTrue();
        }
        assertThat(live.add(orders.get(2))).isFalse(); // in already
        assertThat(live).hasSize(6).containsExactlyElementsOf(orders);
        assertThat(live.remove(orders.get(0))).isTrue();  // first
        assertThat(live.remove(orders.get(3))).isTrue();  // middle
        assertThat(live.remove(orders.get(5))).isTrue();  // last
        assertThat(live.remove(orders.get(5))).isFalse(); // gone already
        assertThat(live).containsExactly(orders.get(1), orders.get(2), orders.get(4));
        assertThat(live.contains(orders.get(3))).isFalse();
        assertThat(live.contains(orders.get(4))).isTrue();
        // an order that left and comes back goes to the end
        live.add(orders.get(0));
        assertThat(live).containsExactly(orders.get(1), orders.get(2), orders.get(4), orders.get(0));
        live.remove(orders.get(1));
        live.remove(orders.get(2));
        live.remove(orders.get(4));
        live.remove(orders.get(0));
        assertThat(live).isEmpty();
        assertThat(live.iterator().hasNext()).isFalse();
        live.add(orders.get(3));
        assertThat(live).containsExactly(orders.get(3));
    }
}
