package io.fluxfix.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.orders.OrderState;
import io.fluxfix.orders.OrderView;
import io.fluxfix.runner.hooks.Views;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Positions and PnL from the sink's order views, as the status page and {@code /metrics} show them. */
class PositionsTest {

    private final Map<String, Decimal> mids = new HashMap<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Positions positions = new Positions(registry, mids::get);

    private static OrderView view(String id, Side side, String qty, String price, String cum, String avg,
                                  OrderState state) {
        return new OrderView(id, id, "O-" + id, "spot-trading", "BTC/USD", side, OrdType.LIMIT, Decimal.parse(qty),
                Decimal.parse(price), Decimal.parse(cum), Decimal.parse(qty).subtract(Decimal.parse(cum)),
                avg == null ? null : Decimal.parse(avg), state, null, null, 0);
    }

    private Views.Position btc() {
        return positions.views().stream().filter(p -> p.symbol().equals("BTC/USD")).findFirst().orElseThrow();
    }

    @Test
    void partialFillsAverageTheirPricesAndTheMidMarksWhatIsOpen() {
        positions.track("BTC/USD");
        assertThat(btc().qty()).isEqualTo("0");

        positions.onOrder(view("1", Side.BUY, "2", "100", "0", null, OrderState.NEW));
        positions.onOrder(view("1", Side.BUY, "2", "100", "1", "100", OrderState.PARTIALLY_FILLED));
        // the second fill was at 110: the order's average is now 105
        positions.onOrder(view("1", Side.BUY, "2", "100", "2", "105", OrderState.FILLED));
        mids.put("BTC/USD", Decimal.parse("120"));

        Views.Position p = btc();
        assertThat(p.qty()).isEqualTo("2");
        assertThat(p.avgPrice()).isEqualTo("105");
        assertThat(p.realisedPnl()).isEqualTo("0");
        assertThat(p.unrealisedPnl()).isEqualTo("30");
        assertThat(registry.get("fluxfix.position").tag("symbol", "BTC/USD").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void sellingAgainstTheAverageRealisesAndAFlipRestartsTheAverage() {
        positions.onOrder(view("1", Side.BUY, "2", "100", "2", "100", OrderState.FILLED));
        positions.onOrder(view("2", Side.SELL, "3", "130", "3", "130", OrderState.FILLED));
        mids.put("BTC/USD", Decimal.parse("120"));

        Views.Position p = btc();
        assertThat(p.realisedPnl()).isEqualTo("60");        // 2 closed at +30
        assertThat(p.qty()).isEqualTo("-1");                 // short 1 opened at 130
        assertThat(p.avgPrice()).isEqualTo("130");
        assertThat(p.unrealisedPnl()).isEqualTo("10");      // short from 130, mid 120
        assertThat(registry.get("fluxfix.pnl").tag("symbol", "BTC/USD").tag("kind", "realised").gauge().value())
                .isEqualTo(60.0);
        // a view repeated (e.g. after an amend) adds nothing
        positions.onOrder(view("2", Side.SELL, "3", "130", "3", "130", OrderState.FILLED));
        assertThat(btc().qty()).isEqualTo("-1");
    }
}
