package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fluxfix.venue.engine.EngineFixture.ALICE;
import static io.fluxfix.venue.engine.EngineFixture.ALICE_DRV;
import static io.fluxfix.venue.engine.EngineFixture.ALICE_LATER;
import static io.fluxfix.venue.engine.EngineFixture.BOB;
import static io.fluxfix.venue.engine.EngineFixture.BOB_DRV;
import static org.assertj.core.api.Assertions.assertThat;

class MatchingEngineTest {

    private final EngineFixture f = new EngineFixture();

    private static Decimal d(String s) {
        return Decimal.parse(s);
    }

    @Test
    void aRestingLimitIsAcknowledgedLikeKrakensExample() {
        NewOrder o = f.limit(Side.BUY, "0.001", "84000");
        f.place(o, ALICE);
        ExecutionReport er = f.last();
        assertThat(er.execType()).isEqualTo(ExecType.NEW);
        assertThat(er.ordStatus()).isEqualTo(OrdStatus.NEW);
        assertThat(er.clOrdId()).isEqualTo(o.clOrdId());
        assertThat(er.orderId()).matches("O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}");
        assertThat(er.text()).isEqualTo("buy 0.001 BTC/USD @ limit 84000");
        assertThat(er.avgPx().toString()).isEqualTo("0");
        assertThat(er.cumQty().toString()).isEqualTo("0");
        assertThat(er.leavesQty().toString()).isEqualTo("0.001");
        assertThat(er.grossTradeAmt().toString()).isEqualTo("0");
        assertThat(er.price().toString()).isEqualTo("84000");
        assertThat(er.execId()).matches("[A-Z2-7]{13}:TRD001");
        assertThat(f.to).containsExactly("ALICE");
    }

    @Test
    void pricesThenTimeDecideWhoTradesFirst() {
        OrderOrigin carol = new OrderOrigin("carol", "CAROL", 1);
        EngineFixture g = new EngineFixture(java.util.Map.of(
                "accounts.carol.spot-comp-id", "CAROL", "accounts.carol.api-key", "kc",
                "accounts.carol.api-secret", "c2VjcmV0", "accounts.carol.balances.USD", "1000000"));
        String aliceAt84000 = g.place(g.limit(Side.SELL, "1", "84000"), ALICE);
        String bobAt84000 = g.place(g.limit(Side.SELL, "1", "84000"), BOB);
        String bobAt83990 = g.place(g.limit(Side.SELL, "1", "83990"), BOB);
        int mark = g.reports.size();
        g.place(g.limit(Side.BUY, "2.5", "84000"), carol);
        List<ExecutionReport> makerFills = g.since(mark).stream()
                .filter(r -> r.isFill() && r.liquidity() == Liquidity.MAKER).toList();
        // the better price first, then the earlier order at 84000, then the later one
        assertThat(makerFills).extracting(ExecutionReport::orderId).containsExactly(bobAt83990, aliceAt84000, bobAt84000);
        assertThat(makerFills).extracting(ExecutionReport::lastQty).containsExactly(d("1"), d("1"), d("0.5"));
        assertThat(g.spot.order(bobAt84000).leaves()).isEqualTo(50_000_000L);
    }

    @Test
    void anArrivingOrderThatWouldTradeWithItsOwnAccountIsCancelledByDefault() {
        f.place(f.limit(Side.SELL, "1", "84000"), BOB);
        int mark = f.reports.size();
        f.place(f.limit(Side.BUY, "1", "84000"), new OrderOrigin("bob", "BOB", 9));
        assertThat(f.since(mark)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
        assertThat(f.last().text()).isEqualTo("Order canceled: self-trade prevention");
        assertThat(f.spot.levels("BTC/USD", Side.SELL, 5)).hasSize(1);
    }

    @Test
    void aFillSettlesBalancesAndReportsCumulativeFees() {
        String maker = f.place(f.limit(Side.SELL, "0.002", "84000"), BOB);
        int mark = f.reports.size();
        String taker = f.place(f.limit(Side.BUY, "0.002", "84000"), ALICE);
        List<ExecutionReport> rs = f.since(mark);
        assertThat(rs).extracting(ExecutionReport::execType)
                .containsExactly(ExecType.NEW, ExecType.TRADE, ExecType.TRADE);
        ExecutionReport makerFill = rs.get(1);
        ExecutionReport takerFill = rs.get(2);
        assertThat(makerFill.orderId()).isEqualTo(maker);
        assertThat(takerFill.orderId()).isEqualTo(taker);
        assertThat(takerFill.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(makerFill.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(takerFill.tradeId()).isEqualTo(makerFill.tradeId()).matches("T[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}");
        assertThat(takerFill.secondaryExecId()).isEqualTo("1");
        assertThat(takerFill.ordStatus()).isEqualTo(OrdStatus.FILLED);
        assertThat(takerFill.netMoney()).isEqualTo(d("168"));
        assertThat(takerFill.grossTradeAmt()).isEqualTo(d("168"));
        assertThat(takerFill.avgPx()).isEqualTo(d("84000"));
        // buyer pays the taker fee in quote: 168 × 0.26 % = 0.4368 USD
        assertThat(takerFill.fees().get(0).amount()).isEqualTo(d("0.4368"));
        assertThat(takerFill.fees().get(0).currency()).isEqualTo("USD");
        // seller pays the maker fee in base by default: 0.002 × 0.16 % = 0.0000032 BTC
        assertThat(makerFill.fees().get(0).amount()).isEqualTo(d("0.0000032"));
        assertThat(makerFill.fees().get(0).currency()).isEqualTo("BTC");
        assertThat(f.total("alice", "USD")).isEqualTo(d("1000000").subtract(d("168")).subtract(d("0.4368")));
        assertThat(f.total("alice", "BTC")).isEqualTo(d("10.002"));
        assertThat(f.total("bob", "USD")).isEqualTo(d("1000168"));
        assertThat(f.total("bob", "BTC")).isEqualTo(d("10").subtract(d("0.002")).subtract(d("0.0000032")));
        assertThat(f.available("alice", "USD")).isEqualTo(f.total("alice", "USD"));
        assertThat(f.available("bob", "BTC")).isEqualTo(f.total("bob", "BTC"));
    }

    @Test
    void partialFillsAccumulateAndTheRestRests() {
        f.place(f.limit(Side.SELL, "0.3", "84000"), BOB);
        int mark = f.reports.size();
        String buy = f.place(f.limit(Side.BUY, "1", "84010"), ALICE);
        ExecutionReport fill = f.since(mark).get(2);
        assertThat(fill.ordStatus()).isEqualTo(OrdStatus.PARTIALLY_FILLED);
        assertThat(fill.leavesQty()).isEqualTo(d("0.7"));
        assertThat(fill.lastPx()).as("at the resting price").isEqualTo(d("84000"));
        assertThat(f.spot.levels("BTC/USD", Side.BUY, 5)).singleElement()
                .satisfies(l -> assertThat(l[1]).isEqualTo(d("0.7")));
        f.place(f.limit(Side.SELL, "0.7", "84010"), BOB);
        ExecutionReport done = f.reports.stream().filter(r -> r.orderId().equals(buy) && r.isFill()).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(done.ordStatus()).isEqualTo(OrdStatus.FILLED);
        assertThat(done.cumQty()).isEqualTo(d("1"));
        assertThat(done.avgPx()).isEqualTo(d("84007"));
        assertThat(done.grossTradeAmt()).isEqualTo(d("84007"));
    }

    @Test
    void businessRulesRefuseWithKrakensTexts() {
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.00001", "84000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EOrder:Order minimum not met");
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.0001", "1000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EOrder:Cost minimum not met");
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.001", "84000.05"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EOrder:Invalid price");
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.001", "84000.3"), ALICE, true, f.now, f.out))
                .as("on the 0.1 tick").isNull();
        assertThat(f.spot.submit(f.limit(Side.BUY, "100", "84000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EOrder:Insufficient funds");
        assertThat(f.spot.submit(f.limit(Side.SELL, "11", "84000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EOrder:Insufficient funds");
        NewOrder unknown = new NewOrder("1", "DOGE/USD", Side.BUY, OrdType.LIMIT, d("1"), d("1"), null,
                TimeInForce.GOOD_TILL_CANCEL, Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, null, null, null, null,
                false, null, f.now);
        assertThat(f.spot.submit(unknown, ALICE, true, f.now, f.out).text()).isEqualTo("EQuery:Unknown asset pair");
    }

    @Test
    void reservationsHoldFundsUntilTheOrderEnds() {
        String id = f.place(f.limit(Side.BUY, "1", "84000"), ALICE);
        // 84000 + 0.26 % taker fee held
        assertThat(f.available("alice", "USD")).isEqualTo(d("1000000").subtract(d("84218.4")));
        f.spot.cancel(new CancelOrder(f.nextClOrdId(), null, id, "BTC/USD", Side.BUY, f.now), ALICE, f.now, f.out);
        assertThat(f.available("alice", "USD")).isEqualTo(d("1000000"));
    }

    @Test
    void cancelIsBoundToTheSessionThatPlacedTheOrder() {
        NewOrder o = f.limit(Side.BUY, "0.001", "84000");
        String id = f.place(o, ALICE);
        CancelOrder fromLaterSession = new CancelOrder(f.nextClOrdId(), o.clOrdId(), null, "BTC/USD", Side.BUY, f.now);
        assertThat(f.spot.cancel(fromLaterSession, ALICE_LATER, f.now, f.out).text()).isEqualTo("EOrder:Unknown order");
        CancelOrder ok = new CancelOrder(f.nextClOrdId(), o.clOrdId(), null, "BTC/USD", Side.BUY, f.now);
        assertThat(f.spot.cancel(ok, ALICE, f.now, f.out)).isNull();
        ExecutionReport er = f.last();
        assertThat(er.execType()).isEqualTo(ExecType.CANCELED);
        assertThat(er.clOrdId()).isEqualTo(ok.clOrdId());
        assertThat(er.origClOrdId()).isEqualTo(o.clOrdId());
        assertThat(er.text()).isEqualTo("Order canceled by user");
        assertThat(er.leavesQty().isZero()).isTrue();
        assertThat(er.orderId()).isEqualTo(id);
        assertThat(f.spot.cancel(new CancelOrder(f.nextClOrdId(), ok.clOrdId(), null, "BTC/USD", Side.BUY, f.now),
                ALICE, f.now, f.out).text()).as("already gone").isEqualTo("EOrder:Unknown order");
    }

    @Test
    void orderIdWinsOverOrigClOrdId() {
        NewOrder a = f.limit(Side.BUY, "0.001", "84000");
        NewOrder b = f.limit(Side.BUY, "0.001", "83000");
        String idA = f.place(a, ALICE);
        f.place(b, ALICE);
        f.spot.cancel(new CancelOrder(f.nextClOrdId(), b.clOrdId(), idA, "BTC/USD", Side.BUY, f.now), ALICE, f.now, f.out);
        assertThat(f.last().orderId()).isEqualTo(idA);
    }

    @Test
    void amendKeepsOrLosesQueuePriorityAsKrakenDocuments() {
        NewOrder first = f.limit(Side.BUY, "1", "84000");
        f.place(first, ALICE);
        f.place(f.limit(Side.BUY, "1", "84000"), BOB);
        // quantity down: keeps its place
        f.spot.amend(amend(first.clOrdId(), "0.5", "84000"), ALICE, f.now, f.out);
        assertThat(f.last().execType()).isEqualTo(ExecType.REPLACED);
        assertThat(queueOwners()).containsExactly("alice", "bob");
        // quantity up: back of the queue
        String c2 = f.last().clOrdId();
        f.spot.amend(amend(c2, "2", "84000"), ALICE, f.now, f.out);
        assertThat(queueOwners()).containsExactly("bob", "alice");
        // price change: back of the new price's queue
        String c3 = f.last().clOrdId();
        f.place(f.limit(Side.BUY, "1", "83990"), BOB);
        f.spot.amend(amend(c3, "2", "83990"), ALICE, f.now, f.out);
        assertThat(f.spot.queue("BTC/USD", Side.BUY, d("83990"))).extracting(o -> o.origin().account())
                .containsExactly("bob", "alice");
        ExecutionReport replaced = f.last();
        assertThat(replaced.ordStatus()).isEqualTo(OrdStatus.REPLACED);
        assertThat(replaced.origClOrdId()).isEqualTo(c3);
        assertThat(replaced.price()).isEqualTo(d("83990"));
        assertThat(replaced.orderQty()).isEqualTo(d("2"));
    }

    @Test
    void amendBelowTheFilledQuantityCancelsTheRemainder() {
        NewOrder o = f.limit(Side.BUY, "1", "84000");
        f.place(o, ALICE);
        f.place(f.limit(Side.SELL, "0.4", "84000"), BOB);
        f.spot.amend(amend(o.clOrdId(), "0.2", "84000"), ALICE, f.now, f.out);
        ExecutionReport er = f.last();
        assertThat(er.execType()).isEqualTo(ExecType.REPLACED);
        assertThat(er.orderQty()).isEqualTo(d("0.4"));
        assertThat(er.leavesQty().isZero()).isTrue();
        assertThat(er.ordStatus()).isEqualTo(OrdStatus.FILLED);
        assertThat(f.spot.levels("BTC/USD", Side.BUY, 5)).isEmpty();
        assertThat(f.available("alice", "USD")).isEqualTo(f.total("alice", "USD"));
    }

    @Test
    void aPriceAmendThatCrossesTrades() {
        NewOrder o = f.limit(Side.BUY, "1", "83000");
        f.place(o, ALICE);
        f.place(f.limit(Side.SELL, "1", "84000"), BOB);
        int mark = f.reports.size();
        f.spot.amend(amend(o.clOrdId(), "1", "84000"), ALICE, f.now, f.out);
        assertThat(f.since(mark)).extracting(ExecutionReport::execType)
                .containsExactly(ExecType.REPLACED, ExecType.TRADE, ExecType.TRADE);
    }

    @Test
    void massCancelReachesWhatTheRequestTypeSays() {
        String mine1 = f.place(f.limit(Side.BUY, "0.001", "84000"), ALICE);
        String mine2 = f.place(new NewOrder(f.nextClOrdId(), "BTC/USD", Side.SELL, OrdType.LIMIT, d("0.001"), d("90000"),
                null, TimeInForce.GOOD_TILL_CANCEL, Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME, null, null, null, null,
                false, null, f.now), ALICE);
        String earlier = f.place(f.limit(Side.BUY, "0.001", "83000"), ALICE_LATER);
        String bobs = f.place(f.limit(Side.BUY, "0.001", "83000"), BOB);
        int mark = f.reports.size();
        String m1 = f.nextClOrdId();
        assertThat(f.spot.massCancel(new MassCancel(m1, MassCancelScope.SESSION, null, f.now), ALICE, f.now, f.out))
                .isEqualTo(2);
        assertThat(f.since(mark)).extracting(ExecutionReport::orderId).containsExactly(mine1, mine2);
        assertThat(f.since(mark)).allSatisfy(r -> {
            assertThat(r.clOrdId()).isEqualTo(m1);
            assertThat(r.execType()).isEqualTo(ExecType.CANCELED);
        });
        mark = f.reports.size();
        assertThat(f.spot.massCancel(new MassCancel(f.nextClOrdId(), MassCancelScope.SENDER_COMP_ID, null, f.now), ALICE, f.now,
                f.out)).isEqualTo(1);
        assertThat(f.last().orderId()).isEqualTo(earlier);
        assertThat(f.spot.massCancel(new MassCancel(f.nextClOrdId(), MassCancelScope.SENDER_COMP_ID, null, f.now), ALICE, f.now,
                f.out)).as("nothing open: no reports").isZero();
        assertThat(f.spot.order(bobs).isOpen()).isTrue();
        assertThat(f.reports.size()).isEqualTo(mark + 1);
    }

    @Test
    void statusReportsAnyOrderOfTheAccountIncludingEarlierSessionsAndClosedOnes() {
        NewOrder o = f.limit(Side.BUY, "0.001", "84000");
        String id = f.place(o, ALICE);
        f.spot.cancel(new CancelOrder(f.nextClOrdId(), null, id, "BTC/USD", Side.BUY, f.now), ALICE, f.now, f.out);
        String s1 = f.nextClOrdId();
        assertThat(f.spot.status(new OrderStatusRequest(s1, id, "BTC/USD", null), ALICE_LATER, f.now, f.out)).isNull();
        ExecutionReport er = f.last();
        assertThat(er.execType()).isEqualTo(ExecType.ORDER_STATUS);
        assertThat(er.ordStatus()).isEqualTo(OrdStatus.CANCELED);
        assertThat(er.clOrdId()).isEqualTo(s1);
        assertThat(f.spot.status(new OrderStatusRequest(o.clOrdId(), null, "BTC/USD", null), ALICE_LATER, f.now, f.out))
                .as("by the order's original ClOrdID").isNull();
        assertThat(f.spot.status(new OrderStatusRequest(f.nextClOrdId(), "OXXXXX-XXXXX-XXXXXX", "BTC/USD", null), ALICE, f.now,
                f.out).text()).isEqualTo("EOrder:Unknown order");
        assertThat(f.spot.status(new OrderStatusRequest(f.nextClOrdId(), id, "BTC/USD", null), BOB, f.now, f.out).text())
                .as("another account's order").isEqualTo("EOrder:Unknown order");
    }

    @Test
    void forgettingAnAccountsClosedOrdersKeepsEveryOtherOrderFindableByIdAndClOrdId() {
        NewOrder bobFilled = f.limit(Side.SELL, "0.001", "84000");
        String bobFilledId = f.place(bobFilled, BOB);
        NewOrder aliceFilled = f.limit(Side.BUY, "0.001", "84000");
        String aliceFilledId = f.place(aliceFilled, ALICE);
        assertThat(f.spot.order(bobFilledId).isOpen()).as("the day's index is now built over these two").isFalse();
        NewOrder bobOpen = f.limit(Side.SELL, "0.001", "85000");
        String bobOpenId = f.place(bobOpen, BOB);
        NewOrder aliceOpen = f.limit(Side.BUY, "0.001", "80000");
        String aliceOpenId = f.place(aliceOpen, ALICE);

        f.spot.forgetClosed("bob");

        assertThat(f.spot.ordersKept()).isEqualTo(3);
        assertThat(f.spot.order(bobFilledId)).isNull();
        assertThat(f.spot.order(aliceFilledId).orderId()).isEqualTo(aliceFilledId);
        assertThat(f.spot.order(bobOpenId).isOpen()).isTrue();
        assertThat(f.spot.order(aliceOpenId).isOpen()).isTrue();
        assertThat(f.spot.status(new OrderStatusRequest(bobFilled.clOrdId(), null, "BTC/USD", null), BOB, f.now, f.out)
                .text()).isEqualTo("EOrder:Unknown order");
        for (NewOrder kept : List.of(aliceFilled, aliceOpen)) {
            assertThat(f.spot.status(new OrderStatusRequest(kept.clOrdId(), null, "BTC/USD", null), ALICE, f.now, f.out))
                    .isNull();
            assertThat(f.last().clOrdId()).isEqualTo(kept.clOrdId());
        }
        assertThat(f.spot.status(new OrderStatusRequest(bobOpen.clOrdId(), null, "BTC/USD", null), BOB, f.now, f.out))
                .isNull();
        String later = f.place(f.limit(Side.SELL, "0.001", "86000"), BOB);
        assertThat(f.spot.order(later).isOpen()).as("orders after the forgetting are indexed too").isTrue();
        assertThat(f.spot.openOrders()).extracting(Order::orderId).containsExactly(bobOpenId, aliceOpenId, later);
    }

    @Test
    void cancelOnDisconnectCancelsOnlyThatSessionsOrders() {
        String a = f.place(f.limit(Side.BUY, "0.001", "84000"), ALICE);
        String later = f.place(f.limit(Side.BUY, "0.001", "84000"), ALICE_LATER);
        f.spot.submit(f.limit(Side.BUY, "0.001", "83000"), ALICE, false, f.now, f.out);
        String keep = f.last().orderId();
        int mark = f.reports.size();
        assertThat(f.spot.cancelOnDisconnect(ALICE, f.now, f.out)).isEqualTo(1);
        assertThat(f.since(mark)).singleElement().satisfies(r -> {
            assertThat(r.orderId()).isEqualTo(a);
            assertThat(r.text()).isEqualTo("Order canceled on disconnect");
        });
        assertThat(f.spot.order(later).isOpen()).isTrue();
        assertThat(f.spot.order(keep).isOpen()).as("placed with 8674=1").isTrue();
    }

    @Test
    void iocAndMarketRemaindersAreCancelled() {
        f.place(f.limit(Side.SELL, "0.5", "84000"), BOB);
        int mark = f.reports.size();
        f.place(f.limit(Side.BUY, "1", "84000", TimeInForce.IMMEDIATE_OR_CANCEL), ALICE);
        assertThat(f.since(mark)).extracting(ExecutionReport::execType)
                .containsExactly(ExecType.NEW, ExecType.TRADE, ExecType.TRADE, ExecType.CANCELED);
        assertThat(f.last().text()).isEqualTo("Immediate or cancel");
        assertThat(f.last().cumQty()).isEqualTo(d("0.5"));
        mark = f.reports.size();
        f.place(f.market(Side.BUY, "1"), ALICE);
        assertThat(f.since(mark)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
        assertThat(f.available("alice", "USD")).isEqualTo(f.total("alice", "USD"));
    }

    @Test
    void marketOrdersWalkTheBook() {
        f.place(f.limit(Side.SELL, "0.5", "84000"), BOB);
        f.place(f.limit(Side.SELL, "0.5", "84100"), BOB);
        int mark = f.reports.size();
        f.place(f.market(Side.BUY, "0.8"), ALICE);
        List<ExecutionReport> takerFills = f.since(mark).stream()
                .filter(r -> r.isFill() && r.liquidity() == Liquidity.TAKER).toList();
        assertThat(takerFills).extracting(ExecutionReport::lastPx).containsExactly(d("84000"), d("84100"));
        assertThat(takerFills.get(1).ordStatus()).isEqualTo(OrdStatus.FILLED);
        assertThat(takerFills.get(1).avgPx()).isEqualTo(d("84037.5"));
        assertThat(f.last().text()).isNull();
    }

    @Test
    void selfTradePreventionModes() {
        String resting = f.place(f.limit(Side.SELL, "1", "84000"), ALICE);
        f.place(f.withStp(f.limit(Side.BUY, "1", "84000"), SelfTradePrevention.CANCEL_OLDEST), ALICE);
        assertThat(f.spot.order(resting).status()).isEqualTo(OrdStatus.CANCELED);
        assertThat(f.spot.levels("BTC/USD", Side.BUY, 1)).hasSize(1);
        String resting2 = f.place(f.limit(Side.SELL, "1", "84100"), ALICE);
        f.place(f.withStp(f.limit(Side.BUY, "1", "84100"), SelfTradePrevention.CANCEL_BOTH), ALICE);
        assertThat(f.spot.order(resting2).status()).isEqualTo(OrdStatus.CANCELED);
        assertThat(f.last().execType()).isEqualTo(ExecType.CANCELED);
    }

    @Test
    void tradingModesOfAnInstrument() {
        f.spot.setInstrumentStatus("BTC/USD", InstrumentStatus.CANCEL_ONLY);
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.001", "84000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EService:Market in cancel_only mode");
        f.spot.setInstrumentStatus("BTC/USD", InstrumentStatus.POST_ONLY);
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.001", "84000"), ALICE, true, f.now, f.out).text())
                .isEqualTo("EService:Market in post_only mode");
        assertThat(f.spot.submit(f.limit(Side.BUY, "0.001", "84000", TimeInForce.GOOD_TILL_CANCEL,
                ExecInstruction.POST_ONLY), ALICE, true, f.now, f.out)).isNull();
    }

    @Test
    void derivativesKeepPositionsAndCollateral() {
        assertThat(f.derivatives.submit(f.futures(Side.SELL, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), BOB_DRV, true,
                f.now, f.out)).isNull();
        assertThat(f.last().orderId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(f.derivatives.submit(f.futures(Side.BUY, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true,
                f.now, f.out)).isNull();
        assertThat(f.last().isFill()).isTrue();
        assertThat(f.derivatives.derivativesAccounts().get("alice").positions().get("PF_XBTUSD")).isEqualTo(10_000L);
        assertThat(f.derivatives.derivativesAccounts().get("bob").positions().get("PF_XBTUSD")).isEqualTo(-10_000L);
        // alice closes at 85000: +1000 realised, minus fees (taker 0.05 % of 84000 and of 85000)
        f.derivatives.submit(f.futures(Side.BUY, "1", "85000", TimeInForce.GOOD_TILL_CANCEL), BOB_DRV, true, f.now, f.out);
        f.derivatives.submit(f.futures(Side.SELL, "1", "85000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true, f.now,
                f.out);
        DerivativesView alice = f.derivatives.derivativesAccounts().get("alice");
        assertThat(alice.positions().get("PF_XBTUSD")).isZero();
        assertThat(alice.collateral()).isEqualTo(d("100000").add(d("1000")).subtract(d("42")).subtract(d("42.5")));
        assertThat(alice.marginHeld().isZero()).isTrue();
    }

    @Test
    void derivativesIocThatCannotTradeIsRefusedWithKrakensText() {
        MatchingEngine.Rejection r = f.derivatives.submit(f.futures(Side.BUY, "1", "84000",
                TimeInForce.IMMEDIATE_OR_CANCEL), ALICE_DRV, true, f.now, f.out);
        assertThat(r.text()).isEqualTo("IOC_WOULD_ENTER_BOOK");
        assertThat(f.derivatives.submit(f.futures(Side.BUY, "100", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV,
                true, f.now, f.out).text()).isEqualTo("INSUFFICIENT_AVAILABLE_FUNDS");
    }

    @Test
    void theSameInputsGiveTheSameIds() {
        EngineFixture g = new EngineFixture();
        for (EngineFixture x : List.of(f, g)) {
            x.place(x.limit(Side.SELL, "0.5", "84000"), BOB);
            x.place(x.limit(Side.BUY, "0.5", "84000"), ALICE);
        }
        assertThat(g.reports).extracting(ExecutionReport::orderId)
                .containsExactlyElementsOf(f.reports.stream().map(ExecutionReport::orderId).toList());
        assertThat(g.reports).extracting(ExecutionReport::tradeId)
                .containsExactlyElementsOf(f.reports.stream().map(ExecutionReport::tradeId).toList());
    }

    private List<String> queueOwners() {
        return f.spot.queue("BTC/USD", Side.BUY, d("84000")).stream().map(o -> o.origin().account()).toList();
    }

    private AmendOrder amend(String orig, String qty, String price) {
        return new AmendOrder(f.nextClOrdId(), orig, null, "BTC/USD", Side.BUY, d(qty), null, OrdType.LIMIT,
                TimeInForce.GOOD_TILL_CANCEL, d(price), null, false, Stamp.NO_TIME, f.now);
    }

    @Test
    void anOrderReachingTheEngineAfterItsValidUntilTimeIsRefused() {
        NewOrder o = f.limit(Side.BUY, "1", "83000");
        // sent 10 s ago with a 9.999 s deadline (inside the 2–60 s window): it arrives 1 ms late
        NewOrder late = new NewOrder(o.clOrdId(), o.symbol(), o.side(), o.ordType(), o.orderQty(), o.price(), null,
                o.timeInForce(), Stamp.NO_TIME, Stamp.NO_TIME, f.now - 1_000_000, o.execInstructions(), null, null, null,
                false, null, f.now - 10_000_000_000L);
        assertThat(f.spot.submit(late, ALICE, true, f.now, f.out).text()).isEqualTo("EService:Deadline elapsed");
        NewOrder inTime = new NewOrder(f.nextClOrdId(), o.symbol(), o.side(), o.ordType(), o.orderQty(), o.price(),
                null, o.timeInForce(), Stamp.NO_TIME, Stamp.NO_TIME, f.now + 5_000_000_000L, o.execInstructions(),
                null, null, null, false, null, o.transactTime());
        assertThat(f.spot.submit(inTime, ALICE, true, f.now, f.out)).isNull();
    }

    @Test
    void engineRefusalsAre35jByDefault() {
        MatchingEngine.Rejection r = f.spot.submit(f.limit(Side.BUY, "100", "84000"), ALICE, true, f.now, f.out);
        assertThat(r.text()).isEqualTo("EOrder:Insufficient funds");
        assertThat(f.reports).isEmpty();
        assertThat(f.available("alice", "USD")).isEqualTo(d("1000000"));
    }

    @Test
    void engineRefusalsCanBeAnAcknowledgedOrderCancelledAtOnce() {
        EngineFixture g = new EngineFixture(java.util.Map.of("dialect.engine-reject.form", "unsolicited-cancel"));
        String id = g.place(g.limit(Side.BUY, "100", "84000"), ALICE);
        assertThat(g.reports).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
        assertThat(g.last().text()).isEqualTo("EOrder:Insufficient funds");
        assertThat(g.last().orderId()).isEqualTo(id);
        assertThat(g.last().leavesQty().isZero()).isTrue();
        assertThat(g.available("alice", "USD")).as("nothing stays reserved").isEqualTo(d("1000000"));
        assertThat(g.spot.levels("BTC/USD", Side.BUY, 5)).isEmpty();
    }

    @Test
    void holdsAndSettlementsStayAtTheAssetsDecimalsSoLargeBalancesNeverOverflow() {
        // found by the matching benchmark: a hold with 13–16 decimals on a 1,000,000 USD balance made the next
        // funds check overflow a long (ArithmeticException out of submit)
        f.place(f.limit(Side.SELL, "0.001", "84000"), BOB);
        f.place(f.limit(Side.SELL, "0.006", "84000.1"), BOB);
        f.place(f.market(Side.BUY, "0.007"), ALICE);
        f.place(f.limit(Side.BUY, "0.12345678", "83000.3"), ALICE);
        String next = f.place(f.limit(Side.BUY, "0.00012345", "83000.1"), ALICE);
        assertThat(f.last().orderId()).isEqualTo(next);
        assertThat(f.available("alice", "USD").scale()).isLessThanOrEqualTo(4);
        assertThat(f.total("alice", "USD").scale()).isLessThanOrEqualTo(4);
        f.spot.cancelOnDisconnect(ALICE, f.now, f.out);
        assertThat(f.available("alice", "USD")).as("nothing stays held").isEqualTo(f.total("alice", "USD"));
    }
}
