package io.fluxfix.strategy.reference;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderCommand;
import io.fluxfix.orders.Decision;
import io.fluxfix.strategy.testing.PaperOrders;
import io.fluxfix.strategy.testing.ScriptedMarket;
import io.fluxfix.strategy.testing.StrategyTestKit;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.fluxfix.strategy.reference.QuoterTest.BTC;
import static io.fluxfix.strategy.reference.QuoterTest.d;
import static org.assertj.core.api.Assertions.assertThat;

class TwapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static ScriptedMarket market() {
        return new ScriptedMarket().at(Duration.ZERO, "BTC/USD", "100.0@5", "101.0@5");
    }

    private static StrategyTestKit kit(PaperOrders paper) {
        return StrategyTestKit.of(Twap.FACTORY, "BTC/USD").instrument(BTC).market(market()).paper(paper)
                .param("side", "buy").param("quantity", "1").param("duration", "10m").param("slices", "10")
                .param("limit-bps", "10");
    }

    @Test
    void tenEqualIocSlicesOneEveryMinuteThenCompletesWithAReport() {
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel();
        StrategyTestKit kit = kit(paper);
        StepVerifier.withVirtualTime(kit::run)
                // the ask is 101.0: 10 bps through it is 101.101, down to the tick 101.1
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))
                .expectNoEvent(Duration.ofSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))
                .thenAwait(Duration.ofMinutes(8))
                .expectNextCount(8)
                .expectComplete()
                .verify(TIMEOUT);
        Map<String, Object> status = kit.strategy().status();
        assertThat(status.get("state")).isEqualTo("COMPLETED");
        @SuppressWarnings("unchecked") Map<String, Object> btc = (Map<String, Object>) status.get("BTC/USD");
        assertThat(btc.get("filled")).isEqualTo("1");
        assertThat(btc.get("avgPx")).isEqualTo("101.1");
        assertThat(btc.get("childOrders")).isEqualTo(10);
        // arrival mid 100.5, paid 101.1: 0.6 / 100.5 = 59.70 bps worse
        assertThat(btc.get("slippageBps")).isEqualTo("59.70");
    }

    @Test
    void theScheduleStartsWithTheFirstBookNotAtStart() {
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel();
        ScriptedMarket late = new ScriptedMarket().at(Duration.ofSeconds(30), "BTC/USD", "100.0@5", "101.0@5");
        StepVerifier.withVirtualTime(() -> kit(paper).market(late).run())
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(30))
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))
                .thenAwait(Duration.ofMinutes(9))
                .expectNextCount(9)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void catchUpMakesGoodARefusedSlice() {
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel()
                .refuse(NewOrder.class, new Decision(Decision.Outcome.REFUSED, Decision.Reason.RATE_LIMIT, 0, "x"));
        StepVerifier.withVirtualTime(() -> kit(paper).run())
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))   // refused: nothing filled
                .then(paper::acceptAll)
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(c -> assertSlice(c, "0.2", "101.1"))   // the schedule says 0.2 by now
                .thenAwait(Duration.ofMinutes(1))
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void withoutCatchUpTheShortfallStays() {
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel()
                .refuse(NewOrder.class, new Decision(Decision.Outcome.REFUSED, Decision.Reason.RATE_LIMIT, 0, "x"));
        StrategyTestKit kit = kit(paper).param("catch-up", "false");
        StepVerifier.withVirtualTime(kit::run)
                .assertNext(c -> assertSlice(c, "0.1", "101.1"))
                .then(paper::acceptAll)
                .thenAwait(Duration.ofMinutes(10))
                .expectNextCount(9)
                .expectComplete()
                .verify(TIMEOUT);
        @SuppressWarnings("unchecked") Map<String, Object> btc = (Map<String, Object>) kit.strategy().status()
                .get("BTC/USD");
        assertThat(btc.get("filled")).isEqualTo("0.9");
    }

    @Test
    void aSellPricesThroughTheBidAndRoundsUpToTheTick() {
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel();
        StepVerifier.withVirtualTime(() -> kit(paper).param("side", "sell").run())
                // the bid is 100.0: 10 bps under is 99.9 exactly
                .assertNext(c -> {
                    assertSlice(c, "0.1", "99.9");
                    assertThat(((NewOrder) c).side()).isEqualTo(Side.SELL);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void defaultsWorkOnAnyPairFromItsReferenceData() {
        // no quantity: the minimum order (0.0001) times the slices
        PaperOrders paper = new PaperOrders().fillImmediateOrCancel();
        StepVerifier.withVirtualTime(() -> StrategyTestKit.of(Twap.FACTORY, "BTC/USD").instrument(BTC)
                        .market(market()).paper(paper).run())
                .assertNext(c -> assertThat(((NewOrder) c).orderQty()).isEqualTo(d("0.0001")))
                .thenCancel()
                .verify(TIMEOUT);
        List<OrderCommand> sent = paper.received();
        assertThat(sent).hasSize(1);
    }

    private static void assertSlice(OrderCommand c, String qty, String price) {
        assertThat(c).isInstanceOf(NewOrder.class);
        NewOrder o = (NewOrder) c;
        assertThat(o.timeInForce()).isEqualTo(TimeInForce.IMMEDIATE_OR_CANCEL);
        assertThat(o.orderQty()).isEqualTo(Decimal.parse(qty));
        assertThat(o.price()).isEqualTo(Decimal.parse(price));
    }
}
