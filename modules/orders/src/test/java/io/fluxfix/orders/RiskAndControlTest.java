package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.SessionReject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pre-trade risk, trading status, the kill switch and the error-rate guard. */
class RiskAndControlTest {

    @Test
    void preTradeLimitsRefuseWhatCrossesThemAndSayWhich() {
        ReferencePrice ref = s -> s.equals("BTC/USD") ? Decimal.parse("80000") : null;
        try (SinkFixture f = new SinkFixture(ref,
                "orders.risk.default.max-order-qty", "10",
                "orders.risk.instruments.BTC/USD.max-order-qty", "2",
                "orders.risk.instruments.BTC/USD.max-notional", "100000",
                "orders.risk.instruments.BTC/USD.max-position", "3",
                "orders.risk.instruments.BTC/USD.max-open-orders", "4",
                "orders.risk.instruments.BTC/USD.price-band", "0.05")) {
            // every refusal reason is a series from the start, at 0 (dashboards and alerts see the family)
            for (Decision.Reason r : Decision.Reason.values()) {
                assertThat(f.meter("fluxfix.orders.local.refusals", "reason",
                        r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))).as("%s", r).isZero();
            }
            assertThat(f.sink.submit("spot", f.buy("2.5", "80000")).detail()).contains("max-order-qty 2");
            assertThat(f.sink.submit("spot", f.buy("1.5", "80000")).detail()).contains("max-notional 100000");
            assertThat(f.sink.submit("spot", f.buy("0.1", "90000")).detail()).contains("outside the band");
            assertThat(f.sink.submit("spot", f.buy("0.1", "76000")).sent()).isTrue();
            // a market order's notional uses the reference price
            NewOrder market = NewOrder.market(f.id(), "BTC/USD", Side.BUY, Decimal.parse("1.2"), null, f.nanos());
            assertThat(f.sink.submit("spot", market).sent()).isTrue();
            NewOrder n = f.buy("1", "80000");
            assertThat(f.sink.submit("spot", n).sent()).isTrue();
            // working buys 0.1 + 1.2 + 1 = 2.3; another 1 could make 3.3 > 3
            Decision pos = f.sink.submit("spot", f.buy("1", "80000"));
            assertThat(pos.reason()).isEqualTo(Decision.Reason.RISK);
            assertThat(pos.detail()).contains("max-position 3");
            assertThat(f.sink.submit("spot", f.sell("0.5", "80000")).sent()).isTrue();
            assertThat(f.sink.submit("spot", f.sell("0.5", "80000")).detail()).contains("max-open-orders 4");
            assertThat(f.meter("fluxfix.orders.local.refusals", "reason", "risk")).isEqualTo(5.0);
        }
    }

    @Test
    void tradingStatusOfTheInstrumentAndTheVenueIsRespected() {
        try (SinkFixture f = new SinkFixture()) {
            f.sink.instrumentStatus("BTC/USD", InstrumentStatus.CANCEL_ONLY);
            assertThat(f.sink.submit("spot", f.buy("1", "80000")).reason()).isEqualTo(Decision.Reason.TRADING_STATUS);
            f.sink.instrumentStatus("BTC/USD", InstrumentStatus.POST_ONLY);
            assertThat(f.sink.submit("spot", f.buy("1", "80000")).detail()).contains("post-only");
            NewOrder postOnly = NewOrder.limit(f.id(), "BTC/USD", Side.BUY, Decimal.parse("1"), Decimal.parse("80000"),
                    TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.of(ExecInstruction.POST_ONLY), f.nanos());
            assertThat(f.sink.submit("spot", postOnly).sent()).isTrue();
            f.sink.instrumentStatus("BTC/USD", InstrumentStatus.ONLINE);
            f.sink.venueStatus(TradingStatus.MAINTENANCE);
            assertThat(f.sink.submit("spot", f.buy("1", "80000")).detail()).contains("MAINTENANCE");
            f.sink.venueStatus(TradingStatus.ONLINE);
            assertThat(f.sink.submit("spot", f.buy("1", "80000")).sent()).isTrue();
        }
    }

    @Test
    void theKillSwitchReducesThenHaltsCancellingEverythingOpen() {
        try (SinkFixture f = new SinkFixture()) {
            NewOrder bought = f.buy("1", "80000");
            f.sink.submit("spot", bought);
            f.spot.emit(f.spot.ack(bought, "O-1", f.nanos()));
            f.spot.emit(f.spot.report(bought, bought.clOrdId(), null, "O-1", ExecType.TRADE, OrdStatus.FILLED, "1", "0",
                    "1", "80000", List.of(), f.nanos(), null));
            NewOrder resting = f.buy("0.1", "70000");
            f.sink.submit("spot", resting);
            f.spot.emit(f.spot.ack(resting, "O-2", f.nanos()));

            f.sink.killSwitch(KillSwitch.REDUCING, "test");
            assertThat(f.sink.submit("spot", f.buy("0.1", "70000")).reason()).isEqualTo(Decision.Reason.KILL_SWITCH);
            assertThat(f.sink.submit("spot", f.sell("2", "90000")).reason()).as("would flip the position")
                    .isEqualTo(Decision.Reason.KILL_SWITCH);
            assertThat(f.sink.submit("spot", f.sell("0.6", "90000")).sent()).isTrue();
            assertThat(f.meter("fluxfix.orders.kill-switch")).isEqualTo(1.0);

            f.sink.killSwitch(KillSwitch.HALTED, "test");
            MassCancel m = f.spot.last(MassCancel.class);
            assertThat(m.scope()).isEqualTo(MassCancelScope.SENDER_COMP_ID);
            assertThat(f.sink.order(resting.clOrdId()).state()).isEqualTo(OrderState.PENDING_CANCEL);
            assertThat(f.sink.submit("spot", f.sell("0.1", "90000")).reason()).isEqualTo(Decision.Reason.KILL_SWITCH);
            assertThat(f.sink.submit("spot", new CancelOrder(f.id(), resting.clOrdId(), null, "BTC/USD", Side.BUY,
                    f.nanos())).outcome()).as("cancels still flow").isNotEqualTo(Decision.Outcome.REFUSED);
            assertThat(f.events(SinkEvent.KillSwitchChanged.class)).extracting(SinkEvent.KillSwitchChanged::to)
                    .containsExactly(KillSwitch.REDUCING, KillSwitch.HALTED);
            assertThat(f.meter("fluxfix.orders.kill-switch")).isEqualTo(2.0);
        }
        try (SinkFixture f = new SinkFixture("orders.kill-switch", "halted")) {
            assertThat(f.sink.killSwitch()).isEqualTo(KillSwitch.HALTED);
            assertThat(f.sink.submit("spot", f.buy("1", "80000")).reason()).isEqualTo(Decision.Reason.KILL_SWITCH);
        }
    }

    @Test
    void rejectsNearingTheVenuesThresholdPauseNewOrdersButNotCancels() {
        try (SinkFixture f = new SinkFixture("orders.error-rate.venue-max-per-second", "10",
                "orders.error-rate.pause-fraction", "0.5")) {
            NewOrder resting = f.buy("1", "80000");
            f.sink.submit("spot", resting);
            f.spot.emit(f.spot.ack(resting, "O-1", f.nanos()));
            for (int k = 0; k < 5; k++) {
                NewOrder bad = f.buy("1", "80000");
                f.sink.submit("spot", bad);
                f.spot.emit(f.spot.businessReject(bad.clOrdId(), "EOrder:Insufficient funds"));
            }
            assertThat(f.events(SinkEvent.GuardPaused.class)).singleElement()
                    .satisfies(e -> assertThat(e.rejectsLastSecond()).isEqualTo(5));
            Decision held = f.sink.submit("spot", f.buy("1", "80000"));
            assertThat(held.reason()).isEqualTo(Decision.Reason.ERROR_RATE_GUARD);
            assertThat(held.waitNanos()).isEqualTo(1_000_000_000L);
            assertThat(f.sink.submit("spot", f.cancel(resting)).sent()).as("cancels still flow").isTrue();
            assertThat(f.meter("fluxfix.orders.error-guard.paused", "session", "spot")).isEqualTo(1.0);
            f.advance(Duration.ofSeconds(1));
            assertThat(f.events(SinkEvent.GuardResumed.class)).hasSize(1);
            assertThat(f.spot.last(NewOrder.class).clOrdId()).as("the held order went once the window cleared")
                    .isEqualTo(Long.toString(Long.parseLong(resting.clOrdId()) + 6));
        }
    }

    @Test
    void unansweredCommandsCountAsPossibleRejectsSoABurstNeverOutrunsTheVenuesThreshold() {
        try (SinkFixture f = new SinkFixture("orders.error-rate.count-in-flight", "true")) {
            for (int k = 0; k < 12; k++) {
                f.sink.submit("spot", f.buy("1", "80000"));
            }
            // 10 per second at the venue: with nothing answered, 9 may be outstanding (a 10th reject would still be allowed, an 11th not)
            assertThat(f.spot.sent).hasSize(9);
            f.spot.emit(new SessionReject(f.spot.stamp(), 0, 0, null, null, "bad"));
            assertThat(f.spot.sent).hasSize(9);
            f.spot.emit(f.spot.ack((NewOrder) f.spot.sent.get(0), "O-1", f.nanos()));
            f.spot.emit(f.spot.ack((NewOrder) f.spot.sent.get(1), "O-2", f.nanos()));
            assertThat(f.spot.sent).as("two answered, one reject in the window: one more may go").hasSize(10);
        }
    }

    @Test
    void badConfigurationStopsWithOneLineNamingTheKey() {
        assertThatThrownBy(() -> OrderSinkConfig.read(ConfigSource.of("orders.yaml", Map.of("orders.spot.tier", "gold"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("orders.spot.tier")
                .hasMessageContaining("orders.yaml");
        assertThatThrownBy(() -> OrderSinkConfig.read(ConfigSource.of("orders.yaml", Map.of("orders.spot.tierr", "pro"))))
                .hasMessageContaining("orders.spot.tierr").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> OrderSinkConfig.read(ConfigSource.of("orders.yaml",
                Map.of("orders.risk.instruments.BTC/USD.max-qty", "1")))).hasMessageContaining("max-qty");
        assertThatThrownBy(() -> OrderSinkConfig.read(ConfigSource.of("orders.yaml",
                Map.of("orders.spot.cancel-age-costs", "5:8, 3:1")))).hasMessageContaining("ascending");
        OrderSinkConfig c = OrderSinkConfig.read(ConfigSource.of("orders.yaml", Map.of("orders.spot.tier", "pro",
                "orders.risk.default.max-order-qty", "5", "orders.risk.instruments.ETH/USD.max-notional", "1000")));
        assertThat(c.tier()).isEqualTo(SpotTier.PRO);
        assertThat(c.risk("ETH/USD").maxOrderQty()).as("inherits the defaults").isEqualByComparingTo(Decimal.ofLong(5));
        assertThat(c.risk("XRP/USD").maxNotional().isZero()).isTrue();
        assertThat(c.guardPauseAt()).isEqualTo(5);
    }
}
