package io.fluxfix.strategy.reference;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.orders.Decision;
import io.fluxfix.strategy.testing.PaperOrders;
import io.fluxfix.strategy.testing.ScriptedMarket;
import io.fluxfix.strategy.testing.StrategyTestKit;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuoterTest {

    static final Instrument BTC = new Instrument("BTC/USD", d("0.00000001"), 8, d("0.0001"), null, null, 1, -1,
            d("0.1"), InstrumentStatus.ONLINE);

    static Decimal d(String s) {
        return Decimal.parse(s);
    }

    private static StrategyTestKit kit(ScriptedMarket market, PaperOrders paper) {
        return StrategyTestKit.of(Quoter.FACTORY, "BTC/USD").instrument(BTC).market(market).paper(paper)
                .param("size", "0.5").param("spread-bps", "20").param("skew-bps", "10")
                .param("max-position", "1").param("requote-bps", "5");
    }

    @Test
    void quotesBothSidesPostOnlyAroundTheMidOnTheTick() {
        // mid 100.5; half spread 10 bps = 0.1005: bid 100.3995 down to 100.3, ask 100.6005 up to 100.7
        ScriptedMarket market = new ScriptedMarket().at(Duration.ZERO, "BTC/USD", "100.0@1", "101.0@1");
        StepVerifier.withVirtualTime(() -> kit(market, new PaperOrders()).run())
                .assertNext(c -> assertNew(c, Side.BUY, "100.3", "0.5"))
                .assertNext(c -> assertNew(c, Side.SELL, "100.7", "0.5"))
                .expectNoEvent(Duration.ofMinutes(1))
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void postOnlyQuotesNeverCrossATightBook() {
        ScriptedMarket market = new ScriptedMarket().at(Duration.ZERO, "BTC/USD", "100.0@1", "100.1@1");
        StepVerifier.withVirtualTime(() -> kit(market, new PaperOrders()).param("spread-bps", "0").run())
                .assertNext(c -> assertNew(c, Side.BUY, "100", "0.5"))
                .assertNext(c -> assertNew(c, Side.SELL, "100.1", "0.5"))
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void aFillSkewsBothQuotesDownAndCutsTheBidToTheRoomLeft() {
        PaperOrders paper = new PaperOrders();
        ScriptedMarket market = new ScriptedMarket()
                .at(Duration.ZERO, "BTC/USD", "100.0@1", "101.0@1")
                .at(Duration.ofSeconds(5), "BTC/USD", "100.0@2", "101.0@1"); // same prices: quotes re-evaluated
        StepVerifier.withVirtualTime(() -> kit(market, paper).run())
                .expectNextCount(2)
                .then(() -> paper.fill("T1", d("0.5"), d("100.3"))) // bid filled: long 0.5 = one size
                // at once: skew = 10 bps of the mid per size = 0.1005. The filled bid is replaced at
                // 100.3995-0.1005 = 100.299 -> 100.2 (position 0.5 of max 1 leaves room for 0.5) ...
                .assertNext(c -> assertNew(c, Side.BUY, "100.2", "0.5"))
                // ... and the ask 100.7 is 0.2 off its new target 100.6005-0.1005 = 100.5 (>= 5 bps): amended
                .assertNext(c -> {
                    assertThat(c).isInstanceOf(AmendOrder.class);
                    AmendOrder a = (AmendOrder) c;
                    assertThat(a.origClOrdId()).isEqualTo("T2");
                    assertThat(a.side()).isEqualTo(Side.SELL);
                    assertThat(a.price()).isEqualTo(d("100.5"));
                    assertThat(a.orderQty()).isEqualTo(d("0.5"));
                    assertThat(a.postOnly()).isTrue();
                })
                .expectNoEvent(Duration.ofSeconds(30))               // the book at 5 s finds both quotes on target
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void atMaxPositionTheBidIsCancelledAndNotReplaced() {
        PaperOrders paper = new PaperOrders();
        ScriptedMarket market = new ScriptedMarket()
                .at(Duration.ZERO, "BTC/USD", "100.0@1", "101.0@1")
                .at(Duration.ofSeconds(5), "BTC/USD", "100.0@2", "101.0@2")
                .at(Duration.ofSeconds(10), "BTC/USD", "100.0@3", "101.0@3");
        StepVerifier.withVirtualTime(() -> kit(market, paper).param("max-position", "0.5")
                        .param("skew-bps", "0").run())
                .expectNextCount(2)
                // long 0.4999 of max 0.5: the bid's room 0.0001 is the minimum... 0.49995 leaves 0.00005 < minimum
                .then(() -> paper.fill("T1", d("0.49995"), d("100.3")))
                .thenAwait(Duration.ofSeconds(5))
                .assertNext(c -> {
                    assertThat(c).isInstanceOf(CancelOrder.class);
                    assertThat(((CancelOrder) c).origClOrdId()).isEqualTo("T1");
                })
                .expectNoEvent(Duration.ofSeconds(30))             // the book at 10 s places no new bid
                .thenCancel().verify(Duration.ofSeconds(10));
        assertThat(paper.open()).extracting(v -> v.side()).containsExactly(Side.SELL);
    }

    @Test
    void shrinkingKeepsPriceAndQueuePriority() {
        PaperOrders paper = new PaperOrders();
        ScriptedMarket market = new ScriptedMarket()
                .at(Duration.ZERO, "BTC/USD", "100.0@1", "101.0@1")
                .at(Duration.ofSeconds(5), "BTC/USD", "100.0@1", "101.0@1");
        StepVerifier.withVirtualTime(() -> kit(market, paper).param("max-position", "0.5")
                        .param("skew-bps", "0").run())
                .expectNextCount(2)
                // long 0.3 from elsewhere: the bid may only buy 0.2 more, its 0.5 working is too much
                .then(() -> paper.externalFill("BTC/USD", d("0.3")))
                .thenAwait(Duration.ofSeconds(5))
                .assertNext(c -> {
                    AmendOrder a = (AmendOrder) c;
                    assertThat(a.origClOrdId()).isEqualTo("T1");
                    assertThat(a.price()).isEqualTo(d("100.3"));     // unchanged price: priority kept
                    assertThat(a.orderQty()).isEqualTo(d("0.2"));
                })
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void aSmallMoveBelowTheRequoteThresholdSendsNothing() {
        ScriptedMarket market = new ScriptedMarket()
                .at(Duration.ZERO, "BTC/USD", "100.0@1", "101.0@1")
                .at(Duration.ofSeconds(1), "BTC/USD", "100.0@1", "100.9@1"); // mid -0.05: the ask's target -1 tick
        StepVerifier.withVirtualTime(() -> kit(market, new PaperOrders()).param("requote-bps", "15").run())
                .expectNextCount(2)
                .expectNoEvent(Duration.ofMinutes(1))
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void aRefusedQuoteBacksOffForTheSinksWaitThenRetries() {
        PaperOrders paper = new PaperOrders()
                .refuse(NewOrder.class, new Decision(Decision.Outcome.REFUSED, Decision.Reason.RATE_LIMIT,
                        Duration.ofSeconds(3).toNanos(), "counter"));
        ScriptedMarket market = new ScriptedMarket();
        for (int s = 0; s <= 10; s++) {
            market.at(Duration.ofSeconds(s), "BTC/USD", "100.0@1", "101.0@1");
        }
        StepVerifier.withVirtualTime(() -> kit(market, paper).run())
                .expectNextCount(2)                                   // refused at t=0
                .then(paper::acceptAll)
                .expectNoEvent(Duration.ofMillis(2_999))              // books at 1 s and 2 s: still backing off
                .thenAwait(Duration.ofMillis(1))                      // t=3 s: the book retries
                .expectNextCount(2)
                .thenCancel().verify(Duration.ofSeconds(10));
        assertThat(paper.open()).hasSize(2);
    }

    @Test
    void aFinelyPricedBookWithAWideSpreadDoesNotOverflow() {
        // a recording's prices with five decimals (no reference data: the book's scale and one unit as the tick)
        ScriptedMarket market = new ScriptedMarket()
                .at(Duration.ZERO, "XBT/USD", "84000.10000@1", "84000.20000@1");
        StepVerifier.withVirtualTime(() -> StrategyTestKit.of(Quoter.FACTORY, "XBT/USD").market(market)
                        .param("size", "0.5").param("spread-bps", "40").run())
                // mid 84000.15, half of 40 bps = 168.0003: bid 83832.1497 -> 83832.14970, ask 84168.1503
                .assertNext(c -> assertThat(((NewOrder) c).price()).isEqualTo(d("83832.1497")))
                .assertNext(c -> assertThat(((NewOrder) c).price()).isEqualTo(d("84168.1503")))
                .thenCancel().verify(Duration.ofSeconds(10));
    }

    @Test
    void badParametersStopWithTheKeyAndFile() {
        ConfigSource bad = ConfigSource.of("config/local.yaml",
                Map.of("strategies.q.params.spread-bps", "wide")).under("strategies.q.params");
        assertThatThrownBy(() -> Quoter.FACTORY.create(List.of("BTC/USD"), bad))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config/local.yaml")
                .hasMessageContaining("strategies.q.params.spread-bps");
        ConfigSource unknown = ConfigSource.of("f.yaml", Map.of("p.sprd", "1")).under("p");
        assertThatThrownBy(() -> Quoter.FACTORY.create(List.of("BTC/USD"), unknown))
                .isInstanceOf(ConfigException.class).hasMessageContaining("p.sprd");
    }

    static void assertNew(Object c, Side side, String price, String qty) {
        assertThat(c).isInstanceOf(NewOrder.class);
        NewOrder o = (NewOrder) c;
        assertThat(o.side()).isEqualTo(side);
        assertThat(o.price()).isEqualTo(d(price));
        assertThat(o.orderQty()).isEqualTo(d(qty));
        assertThat(o.execInstructions().contains(ExecInstruction.POST_ONLY)).isTrue();
    }
}
