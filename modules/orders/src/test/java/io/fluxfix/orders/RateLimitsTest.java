package io.fluxfix.orders;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Kraken's limits kept before sending: the Spot counter model, the queue and its priorities, the refuse policy, the Derivatives bucket. */
class RateLimitsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theSpotCounterFollowsKrakensWorkedExamples() {
        // add, amend after 7 s, cancel 36 s later: +1 +(1+2) +4 = 8, ignoring decay
        SpotRateCounters c = new SpotRateCounters(60, Decimal.ZERO, Decimal.ZERO, OrderSinkConfig.Decay.CONTINUOUS,
                OrderSinkConfig.RejectAt.EXCEEDS);
        OrderSinkConfig cfg = OrderSinkConfig.DEFAULTS;
        c.charge("BTC/USD", cfg.addCost(), 0);
        c.charge("BTC/USD", cfg.amendCost() + cfg.amendAgeCosts().cost(7 * S), 7 * S);
        c.charge("BTC/USD", cfg.cancelAgeCosts().cost(36 * S), 43 * S);
        assertThat(c.value("BTC/USD", 43 * S)).isEqualByComparingTo(Decimal.ofLong(8));
        // Intermediate: a burst of 50 adds, 10 s later 50 − 10 × 2.34 = 26.6
        SpotRateCounters i = new SpotRateCounters(125, SpotTier.INTERMEDIATE.decayPerSecond(), Decimal.ZERO, OrderSinkConfig.Decay.CONTINUOUS,
                OrderSinkConfig.RejectAt.EXCEEDS);
        for (int k = 0; k < 50; k++) {
            i.charge("ETH/USD", 1, 0);
        }
        assertThat(i.value("ETH/USD", 10 * S)).isEqualByComparingTo(Decimal.parse("26.6"));
        // age brackets are strict: exactly 5 s old is in "< 10 s"
        assertThat(cfg.cancelAgeCosts().cost(5 * S - 1)).isEqualTo(8);
        assertThat(cfg.cancelAgeCosts().cost(5 * S)).isEqualTo(6);
        assertThat(cfg.cancelAgeCosts().cost(300 * S)).isZero();
    }

    @Test
    void theWaitIsExactlyWhenTheDecayMakesRoomWithinTheMargin() {
        SpotRateCounters c = new SpotRateCounters(60, Decimal.ofLong(1), Decimal.ofLong(5), OrderSinkConfig.Decay.CONTINUOUS,
                OrderSinkConfig.RejectAt.EXCEEDS);
        for (int k = 0; k < 55; k++) {
            c.charge("BTC/USD", 1, 0);
        }
        assertThat(c.waitNanos("BTC/USD", 0, 0)).isZero();
        // 55 + 8 must come down to 55: 8 seconds at 1 per second
        assertThat(c.waitNanos("BTC/USD", 8, 0)).isEqualTo(8 * S);
        assertThat(c.allows("BTC/USD", 8, 8 * S - 1)).isFalse();
        assertThat(c.allows("BTC/USD", 8, 8 * S)).isTrue();
        SpotRateCounters steps = new SpotRateCounters(60, Decimal.ofLong(1), Decimal.ZERO, OrderSinkConfig.Decay.PER_SECOND,
                OrderSinkConfig.RejectAt.REACHED);
        for (int k = 0; k < 60; k++) {
            steps.charge("BTC/USD", 1, S / 2);
        }
        // reached (>=): 60 + 1 must come below 60, so the counter must lose 2: the steps at 1 s and 2 s, 1.5 s from 0.5 s
        assertThat(steps.waitNanos("BTC/USD", 1, S / 2)).isEqualTo(S + S / 2);
    }

    @Test
    void whileTheCounterIsFullCancelsLeaveAheadOfNewOrdersAndNothingPassesTheMargin() {
        try (SinkFixture f = new SinkFixture("orders.spot.safety-margin", "5")) {
            List<NewOrder> placed = new ArrayList<>();
            for (int k = 0; k < 55; k++) {
                NewOrder n = f.buy("0.01", "80000");
                assertThat(f.sink.submit("spot", n).sent()).isTrue();
                placed.add(n);
                f.spot.emit(f.spot.ack(n, "O-" + k, f.nanos()));
            }
            assertThat(f.sink.spotCounters().get("BTC/USD")).isEqualByComparingTo(Decimal.ofLong(55));
            NewOrder waiting = f.buy("0.01", "80000");
            Decision d = f.sink.submit("spot", waiting);
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.QUEUED);
            assertThat(d.reason()).isEqualTo(Decision.Reason.RATE_LIMIT);
            assertThat(d.waitNanos()).isEqualTo(1 * S);
            CancelOrder cancel = f.cancel(placed.get(0));
            Decision dc = f.sink.submit("spot", cancel);
            assertThat(dc.outcome()).isEqualTo(Decision.Outcome.QUEUED);
            assertThat(dc.waitNanos()).as("a young cancel costs 8").isEqualTo(8 * S);

            f.advance(Duration.ofSeconds(1));
            assertThat(f.spot.sent).as("the new order could go, but the cancel waits ahead of it").hasSize(55);
            // at 5 s the order is in the "< 10 s" bracket (+6): 50 + 6 > 55; at 6 s, 49 + 6 = 55 fits the margin
            f.advance(Duration.ofSeconds(4));
            assertThat(f.spot.sent).hasSize(55);
            f.advance(Duration.ofSeconds(1));
            assertThat(f.spot.sent.subList(55, f.spot.sent.size())).containsExactly(cancel);
            assertThat(f.sink.spotCounters().get("BTC/USD")).isEqualByComparingTo(Decimal.ofLong(55));
            f.advance(Duration.ofMillis(999));
            assertThat(f.spot.sent).hasSize(56);
            f.advance(Duration.ofMillis(1));
            assertThat(f.spot.sent.subList(55, f.spot.sent.size())).containsExactly(cancel, waiting);
            assertThat(f.meter("fluxfix.orders.local.waits", "reason", "rate-limit")).isEqualTo(2.0);
            assertThat(f.meter("fluxfix.orders.spot.counter", "pair", "BTC/USD")).isEqualTo(55.0);
            assertThat(f.sink.spotCounters().get("BTC/USD")).isEqualByComparingTo(Decimal.ofLong(55));
            // idle, the gauge decays with the model, not stuck at the last charge
            f.now.updateAndGet(t -> t.plusSeconds(10));
            double decayed = f.sink.spotCounters().get("BTC/USD").toBigDecimal().doubleValue();
            assertThat(decayed).isLessThan(55.0);
            assertThat(f.meter("fluxfix.orders.spot.counter", "pair", "BTC/USD")).isEqualTo(decayed);
        }
    }

    @Test
    void commandsOfOneOrderLeaveInTheOrderTheyWereEmittedEvenWhenACancelCouldOvertake() {
        try (SinkFixture f = new SinkFixture("orders.spot.safety-margin", "0", "orders.spot.max-open-orders", "500")) {
            NewOrder n = f.buy("1", "80000");
            f.sink.submit("spot", n);
            f.spot.emit(f.spot.ack(n, "O-1", f.nanos()));
            for (int k = 0; k < 55; k++) {
                f.sink.submit("spot", f.buy("0.01", "70000"));
            }
            f.advance(Duration.ofSeconds(20)); // the order is 20 s old: amend +1, cancel +4
            for (int k = 0; k < 24; k++) {
                f.sink.submit("spot", f.buy("0.01", "70000"));
            }
            // counter 56 − 20 + 24 = 60: full
            AmendOrder a = new AmendOrder(f.id(), n.clOrdId(), null, n.symbol(), n.side(), Decimal.parse("0.5"), null,
                    n.ordType(), n.timeInForce(), n.price(), null, false, Stamp.NO_TIME, f.nanos());
            CancelOrder c = new CancelOrder(f.id(), n.clOrdId(), null, n.symbol(), n.side(), f.nanos());
            assertThat(f.sink.submit("spot", a).outcome()).isEqualTo(Decision.Outcome.QUEUED);
            Decision dc = f.sink.submit("spot", c);
            assertThat(dc.reason()).isEqualTo(Decision.Reason.ORDER_SEQUENCE);
            int before = f.spot.sent.size();
            f.advance(Duration.ofSeconds(10));
            assertThat(f.spot.sent.subList(before, f.spot.sent.size()).stream()
                    .filter(x -> x instanceof AmendOrder || x instanceof CancelOrder)).containsExactly(a, c);
        }
    }

    @Test
    void theRefusePolicyRefusesNewOrdersWithTheTimeUntilAllowedButCancelsStillWait() {
        try (SinkFixture f = new SinkFixture("orders.rate-limit.policy", "refuse", "orders.spot.safety-margin", "0",
                "orders.spot.max-open-orders", "500")) {
            List<NewOrder> placed = new ArrayList<>();
            for (int k = 0; k < 60; k++) {
                NewOrder n = f.buy("0.01", "80000");
                f.sink.submit("spot", n);
                placed.add(n);
            }
            NewOrder more = f.buy("0.01", "80000");
            Decision d = f.sink.submit("spot", more);
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.REFUSED);
            assertThat(d.reason()).isEqualTo(Decision.Reason.RATE_LIMIT);
            assertThat(d.waitNanos()).isEqualTo(S);
            assertThat(f.sink.order(more.clOrdId())).as("nothing kept of a refused order").isNull();
            assertThat(f.sink.submit("spot", f.cancel(placed.get(0))).outcome()).isEqualTo(Decision.Outcome.QUEUED);
            assertThat(f.events(SinkEvent.Refused.class)).hasSize(1);
            assertThat(f.meter("fluxfix.orders.local.refusals", "reason", "rate-limit")).isEqualTo(1.0);
        }
    }

    @Test
    void aCancelOfAnOrderThatNeverLeftTheQueueSettlesItLocally() {
        try (SinkFixture f = new SinkFixture("orders.spot.safety-margin", "0", "orders.spot.max-open-orders", "500")) {
            for (int k = 0; k < 60; k++) {
                f.sink.submit("spot", f.buy("0.01", "80000"));
            }
            NewOrder queued = f.buy("0.01", "80000");
            assertThat(f.sink.submit("spot", queued).outcome()).isEqualTo(Decision.Outcome.QUEUED);
            assertThat(f.sink.order(queued.clOrdId()).state()).isEqualTo(OrderState.QUEUED);
            Decision d = f.sink.submit("spot", f.cancel(queued));
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.DONE_LOCALLY);
            assertThat(f.sink.order(queued.clOrdId()).state()).isEqualTo(OrderState.CANCELED);
            f.advance(Duration.ofSeconds(30));
            assertThat(f.spot.sent).noneMatch(c -> c.clOrdId().equals(queued.clOrdId()) && c instanceof NewOrder);
            assertThat(f.spot.sent.stream().filter(NewOrder.class::isInstance)).hasSize(60);
        }
    }

    @Test
    void theOpenOrderCapHoldsNewOrdersOnThePair() {
        try (SinkFixture f = new SinkFixture("orders.spot.max-open-orders", "3", "orders.spot.safety-margin", "0")) {
            for (int k = 0; k < 3; k++) {
                assertThat(f.sink.submit("spot", f.buy("0.01", "80000")).sent()).isTrue();
            }
            Decision d = f.sink.submit("spot", f.buy("0.01", "80000"));
            assertThat(d.reason()).isEqualTo(Decision.Reason.OPEN_ORDER_CAP);
            assertThat(OrderSinkConfig.DEFAULTS.openOrderCap()).isEqualTo(60);
        }
    }

    @Test
    void derivativesSpendTheSessionsBucketAndWaitForItsRefill() {
        try (SinkFixture f = new SinkFixture()) {
            List<Decision> out = new ArrayList<>();
            for (int k = 0; k < 51; k++) {
                NewOrder n = NewOrder.limit(f.sink.nextClOrdId(io.fluxfix.model.Market.DERIVATIVES), "PF_XBTUSD",
                        Side.BUY, Decimal.parse("0.001"), Decimal.parse("80000"), TimeInForce.GOOD_TILL_CANCEL, null,
                        f.nanos());
                out.add(f.sink.submit("drv", n));
            }
            assertThat(out.subList(0, 50)).allMatch(Decision::sent);
            assertThat(out.get(50).outcome()).isEqualTo(Decision.Outcome.QUEUED);
            // 10 tokens at 50 per second
            assertThat(out.get(50).waitNanos()).isEqualTo(200_000_000L);
            assertThat(f.sink.bucketTokens("drv")).isZero();
            f.advance(Duration.ofMillis(199));
            assertThat(f.drv.sent).hasSize(50);
            f.advance(Duration.ofMillis(1));
            assertThat(f.drv.sent).hasSize(51);
            assertThat(f.spot.sent).as("the Spot counter is another limit").isEmpty();
        }
    }
}
