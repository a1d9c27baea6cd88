package io.fluxfix.venue.engine;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.fluxfix.model.OrdType.LIMIT;
import static io.fluxfix.model.OrdType.MARKET;
import static io.fluxfix.model.Side.BUY;
import static io.fluxfix.model.Side.SELL;
import static io.fluxfix.venue.engine.EngineFixture.ALICE;
import static io.fluxfix.venue.engine.EngineFixture.ALICE_DRV;
import static io.fluxfix.venue.engine.EngineFixture.BOB;
import static io.fluxfix.venue.engine.EngineFixture.BOB_DRV;
import static io.fluxfix.venue.engine.EngineFixture.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/** Kraken's order types and instructions beyond plain limit and market orders (issue 4), on the engine alone. */
class OrderTypesEngineTest {

    private static final long SECOND = 1_000_000_000L;

    private EngineFixture f = new EngineFixture();

    private static Decimal d(String s) {
        return Decimal.parse(s);
    }

    /** A trade between Carol and Bob at {@code px}: moves the last trade price without touching Alice. */
    private void trade(String px) {
        f.place(f.limit(BUY, "0.001", px), CAROL);
        f.place(f.limit(SELL, "0.001", px), BOB);
    }

    private List<ExecutionReport> of(String orderId) {
        return f.reports.stream().filter(r -> r.orderId().equals(orderId)).toList();
    }

    private ExecutionReport lastOf(String orderId) {
        List<ExecutionReport> all = of(orderId);
        return all.get(all.size() - 1);
    }

    private String refusal(EngineFixture.Nos order) {
        MatchingEngine.Rejection r = f.spot.submit(order.build(), ALICE, true, f.now, f.out);
        return r == null ? null : r.text();
    }

    @Nested
    class Triggers {

        @Test
        void aStopLossSellWaitsThenSellsAtMarketWhenTheLastTradeFallsToItsPrice() {
            f.place(f.limit(BUY, "1", "79000"), BOB);
            String id = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.5").stop("80000").build(), ALICE);
            ExecutionReport ack = lastOf(id);
            assertThat(ack.execType()).isEqualTo(ExecType.NEW);
            assertThat(ack.ordType()).isEqualTo(OrdType.STOP_LOSS);
            assertThat(ack.stopPx()).isEqualTo(d("80000"));
            assertThat(ack.price()).isNull();
            assertThat(ack.text()).isEqualTo("sell 0.5 BTC/USD @ stop loss 80000");
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).as("a waiting trigger order is not in the book").isEmpty();

            trade("81000");
            trade("80000.1");
            assertThat(of(id)).hasSize(1);

            trade("80000");
            List<ExecutionReport> after = of(id).subList(1, of(id).size());
            assertThat(after).extracting(ExecutionReport::execType).containsExactly(ExecType.RESTATED, ExecType.TRADE);
            ExecutionReport fired = after.get(0);
            assertThat(fired.ordStatus()).isEqualTo(OrdStatus.NEW);
            assertThat(fired.ordType()).isEqualTo(MARKET);
            assertThat(fired.triggerPrice()).isEqualTo(d("80000"));
            assertThat(fired.stopPx()).isEqualTo(d("80000"));
            assertThat(after.get(1).lastPx()).isEqualTo(d("79000"));
            assertThat(after.get(1).ordStatus()).isEqualTo(OrdStatus.FILLED);
        }

        @Test
        void aStopLossBuyFiresOnARise() {
            f.place(f.limit(SELL, "1", "86000"), BOB);
            String id = f.place(f.nos(BUY, OrdType.STOP_LOSS, "0.5").stop("85000").build(), ALICE);
            trade("84000");
            assertThat(of(id)).hasSize(1);
            trade("85000");
            assertThat(of(id)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.NEW, ExecType.RESTATED, ExecType.TRADE);
            assertThat(lastOf(id).lastPx()).isEqualTo(d("86000"));
        }

        @Test
        void takeProfitFiresOnAMoveInItsFavourEitherWay() {
            f.place(f.limit(SELL, "1", "91000"), BOB);
            String sell = f.place(f.nos(SELL, OrdType.TAKE_PROFIT, "0.1").stop("85000").build(), ALICE);
            String buy = f.place(f.nos(BUY, OrdType.TAKE_PROFIT, "0.1").stop("82000").build(), ALICE);
            trade("84000");
            assertThat(of(sell)).hasSize(1);
            assertThat(of(buy)).hasSize(1);
            f.place(f.limit(BUY, "0.1", "84500"), CAROL); // what the take-profit sell will sell into
            trade("85000");
            assertThat(lastOf(sell).lastPx()).isEqualTo(d("84500"));
            assertThat(lastOf(sell).execType()).isEqualTo(ExecType.TRADE);
            assertThat(of(buy)).as("a rise does not fire a take-profit buy").hasSize(1);
            trade("82000");
            assertThat(of(buy)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.NEW, ExecType.RESTATED, ExecType.TRADE);
            assertThat(of(buy).get(1).triggerPrice()).isEqualTo(d("82000"));
        }

        @Test
        void limitVariantsBecomeLimitOrdersAtTheirPriceAndRest() {
            String sl = f.place(f.nos(SELL, OrdType.STOP_LOSS_LIMIT, "0.2").stop("80000").price("79500").build(), ALICE);
            assertThat(lastOf(sl).text()).isEqualTo("sell 0.2 BTC/USD @ stop loss 80000 -> limit 79500");
            assertThat(lastOf(sl).price()).isEqualTo(d("79500"));
            trade("80000");
            ExecutionReport fired = lastOf(sl);
            assertThat(fired.execType()).isEqualTo(ExecType.RESTATED);
            assertThat(fired.ordType()).isEqualTo(LIMIT);
            assertThat(fired.price()).isEqualTo(d("79500"));
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).extracting(l -> l[0]).containsExactly(d("79500"));
        }

        @Test
        void anOrderWhoseTriggerIsAlreadyCrossedFiresAtOnce() {
            f.place(f.limit(BUY, "1", "70000"), BOB);
            trade("79000");
            String id = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("80000").build(), ALICE);
            assertThat(of(id)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.NEW, ExecType.RESTATED, ExecType.TRADE);
            assertThat(of(id).get(1).triggerPrice()).isEqualTo(d("79000"));
        }

        @Test
        void aTrailingStopSellFollowsThePeakAndFiresTheDistanceBelowIt() {
            f.place(f.limit(BUY, "1", "70000"), BOB);
            String id = f.place(f.nos(SELL, OrdType.TRAILING_STOP, "0.1").stop("2000").build(), ALICE);
            assertThat(lastOf(id).text()).isEqualTo("sell 0.1 BTC/USD @ trailing stop +2000");
            trade("80000");
            trade("83000");
            trade("81500");
            trade("81000.1");
            assertThat(of(id)).as("83000 − 2000 not reached yet").hasSize(1);
            trade("81000");
            assertThat(of(id).get(1).execType()).isEqualTo(ExecType.RESTATED);
            assertThat(of(id).get(1).triggerPrice()).isEqualTo(d("81000"));
            assertThat(lastOf(id).lastPx()).isEqualTo(d("70000"));
        }

        @Test
        void aTrailingStopBuyFollowsTheTroughAndFiresTheDistanceAboveIt() {
            f.place(f.limit(SELL, "1", "90000"), BOB);
            String id = f.place(f.nos(BUY, OrdType.TRAILING_STOP, "0.1").stop("2000").build(), ALICE);
            trade("80000");
            trade("78000");
            trade("79999.9");
            assertThat(of(id)).hasSize(1);
            trade("80000");
            assertThat(of(id).get(1).triggerPrice()).isEqualTo(d("80000"));
            assertThat(lastOf(id).lastPx()).isEqualTo(d("90000"));
        }

        @Test
        void aTrailingStopLimitsLimitIsAnOffsetFromTheTriggerByDefault() {
            String id = f.place(f.nos(SELL, OrdType.TRAILING_STOP_LIMIT, "0.1").stop("1000").price("200").build(), ALICE);
            assertThat(lastOf(id).text()).isEqualTo("sell 0.1 BTC/USD @ trailing stop +1000 -> limit -200");
            trade("80000");
            trade("79000");
            ExecutionReport fired = lastOf(id);
            assertThat(fired.ordType()).isEqualTo(LIMIT);
            assertThat(fired.triggerPrice()).isEqualTo(d("79000"));
            assertThat(fired.price()).isEqualTo(d("78800"));
        }

        @Test
        void aTrailingStopLimitsLimitCanBeAnAbsolutePrice() {
            f = new EngineFixture(Map.of("dialect.trailing-stop-limit.price", "absolute"));
            String id = f.place(f.nos(SELL, OrdType.TRAILING_STOP_LIMIT, "0.1").stop("1000").price("78500").build(),
                    ALICE);
            trade("80000");
            trade("79000");
            assertThat(lastOf(id).price()).isEqualTo(d("78500"));
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).extracting(l -> l[0]).containsExactly(d("78500"));
        }

        @Test
        void indexOrdersWatchTheIndexPriceWhenTheOperatorSetsOneAndTheLastTradeOtherwise() {
            f.place(f.limit(BUY, "0.1", "70000"), BOB);
            String index = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("80000").index().build(), ALICE);
            f.spot.setIndexPrice("BTC/USD", d("81000"), f.now, f.out);
            trade("79000");
            assertThat(of(index)).as("the index, not the trade, is what it watches").hasSize(1);
            assertThat(f.spot.indexPrice("BTC/USD")).isEqualTo(d("81000"));
            f.spot.setIndexPrice("BTC/USD", d("79500"), f.now, f.out);
            assertThat(of(index).get(1).triggerPrice()).isEqualTo(d("79500"));

            assertThat(lastOf(index).lastPx()).isEqualTo(d("70000"));

            String follows = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("60000").index().build(), ALICE);
            f.spot.setIndexPrice("BTC/USD", null, f.now, f.out);
            assertThat(f.spot.indexPrice("BTC/USD")).isEqualTo(d("70000"));
            assertThat(of(follows)).hasSize(1);
            trade("60000");
            assertThat(of(follows).get(1).triggerPrice()).as("no index set: the last trade").isEqualTo(d("60000"));
        }

        @Test
        void aTriggeredOrderTheAccountCannotPayForIsCancelled() {
            f.place(f.limit(SELL, "9", "86000"), BOB);
            f.place(f.limit(SELL, "9", "86000"), CAROL);
            String id = f.place(f.nos(BUY, OrdType.TRAILING_STOP, "15").stop("2000").build(), ALICE);
            trade("80000");
            trade("82000");
            assertThat(of(id)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.NEW, ExecType.RESTATED, ExecType.CANCELED);
            assertThat(lastOf(id).text()).isEqualTo("EOrder:Insufficient funds");
            assertThat(f.available("alice", "USD")).isEqualTo(d("1000000"));
        }

        @Test
        void aWaitingOrderCanBeCancelledOrGetANewTriggerPrice() {
            f.place(f.limit(BUY, "1", "70000"), BOB);
            String id = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("78000").build(), ALICE);
            String clOrdId = lastOf(id).clOrdId();
            AmendOrder amend = new AmendOrder(f.nextClOrdId(), clOrdId, null, "BTC/USD", SELL, null, null,
                    OrdType.STOP_LOSS, null, null, d("80000"), false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(amend, ALICE, f.now, f.out)).isNull();
            assertThat(lastOf(id).execType()).isEqualTo(ExecType.REPLACED);
            assertThat(lastOf(id).stopPx()).isEqualTo(d("80000"));
            trade("80000");
            assertThat(lastOf(id).execType()).isEqualTo(ExecType.TRADE);

            String other = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("60000").build(), ALICE);
            assertThat(f.spot.cancel(new CancelOrder(f.nextClOrdId(), lastOf(other).clOrdId(), null, "BTC/USD", SELL,
                    f.now), ALICE, f.now, f.out)).isNull();
            trade("59000");
            assertThat(of(other)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
        }
    }

    @Nested
    class Icebergs {

        @Test
        void onlyTheSliceShowsAndMatchesAndTheNextSliceReloadsAtTheBack() {
            String ice = f.place(f.nos(SELL, LIMIT, "1.5").price("84000").display("0.1").build(), ALICE);
            assertThat(lastOf(ice).displayQty()).isEqualTo(d("0.1"));
            f.place(f.limit(SELL, "0.2", "84000"), BOB);
            assertThat(f.spot.levels("BTC/USD", SELL, 1).get(0)[1]).isEqualTo(d("0.3"));

            f.place(f.limit(BUY, "0.15", "84000"), CAROL);
            assertThat(lastOf(ice).lastQty()).as("the slice, not the whole order").isEqualTo(d("0.1"));
            assertThat(lastOf(ice).leavesQty()).isEqualTo(d("1.4"));
            assertThat(f.spot.queue("BTC/USD", SELL, d("84000"))).extracting(o -> o.origin().account())
                    .as("the reloaded slice queues behind Bob").containsExactly("bob", "alice");
            assertThat(f.spot.levels("BTC/USD", SELL, 1).get(0)[1]).isEqualTo(d("0.25"));
        }

        @Test
        void aTakerCanTakeEveryHiddenSliceOneAfterAnother() {
            String ice = f.place(f.nos(SELL, LIMIT, "0.5").price("84000").display("0.1").build(), ALICE);
            f.place(f.limit(BUY, "0.5", "84000"), CAROL);
            assertThat(of(ice)).filteredOn(r -> r.execType() == ExecType.TRADE).hasSize(5);
            assertThat(lastOf(ice).ordStatus()).isEqualTo(OrdStatus.FILLED);
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).isEmpty();
        }

        @Test
        void aNewDisplaySizeKeepsThePlaceAndShowsFromTheNextReload() {
            String ice = f.place(f.nos(SELL, LIMIT, "1.5").price("84000").display("0.1").build(), ALICE);
            f.place(f.limit(SELL, "0.2", "84000"), BOB);
            AmendOrder amend = new AmendOrder(f.nextClOrdId(), lastOf(ice).clOrdId(), null, "BTC/USD", SELL, null,
                    d("0.2"), LIMIT, null, null, null, false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(amend, ALICE, f.now, f.out)).isNull();
            assertThat(f.spot.queue("BTC/USD", SELL, d("84000"))).extracting(o -> o.origin().account())
                    .containsExactly("alice", "bob");
            assertThat(f.spot.levels("BTC/USD", SELL, 1).get(0)[1]).as("the slice on show is unchanged").isEqualTo(d("0.3"));
            f.place(f.limit(BUY, "0.1", "84000"), CAROL);
            assertThat(f.spot.levels("BTC/USD", SELL, 1).get(0)[1]).as("reloaded with 0.2").isEqualTo(d("0.4"));
        }

        @Test
        void theDisplayQuantityFollowsKrakensRules() {
            assertThat(refusal(f.nos(SELL, LIMIT, "1.6").price("84000").display("0.1")))
                    .as("below 1/15").isEqualTo("EGeneral:Invalid arguments:displayvol");
            assertThat(refusal(f.nos(SELL, LIMIT, "1").price("84000").display("2")))
                    .as("above the quantity").isEqualTo("EGeneral:Invalid arguments:displayvol");
            assertThat(refusal(f.nos(SELL, OrdType.STOP_LOSS_LIMIT, "1").stop("80000").price("79000").display("0.1")))
                    .as("limit orders only").isEqualTo("EGeneral:Invalid arguments:displayvol");
            assertThat(refusal(f.nos(SELL, LIMIT, "1.5").price("84000").display("0.1"))).isNull();
        }
    }

    @Nested
    class TimeInForceAndTimes {

        @Test
        void fillOrKillFillsCompletelyOrNotAtAll() {
            f.place(f.limit(SELL, "0.5", "84000"), BOB);
            f.place(f.limit(SELL, "0.5", "84100"), BOB);
            String kill = f.place(f.limit(BUY, "1.2", "84100", TimeInForce.FILL_OR_KILL), ALICE);
            assertThat(of(kill)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
            assertThat(lastOf(kill).text()).isEqualTo("Fill or kill");
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).hasSize(2);

            String fill = f.place(f.limit(BUY, "1", "84100", TimeInForce.FILL_OR_KILL), ALICE);
            assertThat(lastOf(fill).ordStatus()).isEqualTo(OrdStatus.FILLED);
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).isEmpty();
        }

        @Test
        void fillOrKillCountsHiddenIcebergQuantityButNotWhatSelfTradePreventionWouldStop() {
            f.place(f.nos(SELL, LIMIT, "1.5").price("84000").display("0.1").build(), BOB);
            String fill = f.place(f.limit(BUY, "1", "84000", TimeInForce.FILL_OR_KILL), CAROL);
            assertThat(lastOf(fill).ordStatus()).isEqualTo(OrdStatus.FILLED);

            f.place(f.limit(SELL, "0.5", "83900"), ALICE);
            String own = f.place(f.limit(BUY, "0.2", "84000", TimeInForce.FILL_OR_KILL), ALICE);
            assertThat(lastOf(own).text()).as("cancel newest: its own order stops it").isEqualTo("Fill or kill");
            String oldest = f.place(f.withStp(f.limit(BUY, "0.2", "84000", TimeInForce.FILL_OR_KILL),
                    SelfTradePrevention.CANCEL_OLDEST), ALICE);
            assertThat(lastOf(oldest).ordStatus()).as("cancel oldest: its own order is passed over")
                    .isEqualTo(OrdStatus.FILLED);
        }

        @Test
        void goodTillDateExpiresOnTheVenueClock() {
            long expire = f.now + 60 * SECOND;
            String id = f.place(f.nos(BUY, LIMIT, "0.1").price("83000").expire(expire).build(), ALICE);
            assertThat(lastOf(id).expireTime()).isEqualTo(expire);
            assertThat(f.spot.nextTimedEvent()).isEqualTo(expire);
            f.spot.timePassed(expire - 1, f.out);
            assertThat(of(id)).hasSize(1);
            f.spot.timePassed(expire, f.out);
            ExecutionReport expired = lastOf(id);
            assertThat(expired.execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(expired.ordStatus()).isEqualTo(OrdStatus.EXPIRED);
            assertThat(expired.leavesQty().isZero()).isTrue();
            assertThat(f.spot.levels("BTC/USD", BUY, 5)).isEmpty();
            assertThat(f.available("alice", "USD")).isEqualTo(d("1000000"));
            assertThat(f.spot.nextTimedEvent()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void anExpiredOrderNeverTradesEvenBeforeTheClockTicks() {
            long expire = f.now + 60 * SECOND;
            String id = f.place(f.nos(BUY, LIMIT, "0.1").price("83000").expire(expire).build(), ALICE);
            f.now = expire + 1;
            String seller = f.place(f.limit(SELL, "0.1", "83000"), BOB);
            assertThat(lastOf(id).execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(lastOf(seller).execType()).isEqualTo(ExecType.NEW);
        }

        @Test
        void expireTimeMustBeInTheNextMonth() {
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").expire(f.now)))
                    .isEqualTo("EGeneral:Invalid arguments:expiretm");
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").expire(f.now + 32L * 86_400 * SECOND)))
                    .isEqualTo("EGeneral:Invalid arguments:expiretm");
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").expire(f.now + 29L * 86_400 * SECOND))).isNull();
        }

        @Test
        void aScheduledOrderIsPendingNewUntilItsEffectiveTime() {
            long start = f.now + 30 * SECOND;
            String id = f.place(f.nos(BUY, LIMIT, "0.1").price("84000").effective(start).build(), ALICE);
            assertThat(lastOf(id).execType()).isEqualTo(ExecType.PENDING_NEW);
            assertThat(lastOf(id).ordStatus()).isEqualTo(OrdStatus.PENDING_NEW);
            f.place(f.limit(SELL, "0.1", "84000"), BOB);
            assertThat(of(id)).as("not live: nothing trades with it").hasSize(1);
            f.spot.timePassed(start, f.out);
            assertThat(of(id)).extracting(ExecutionReport::execType).contains(ExecType.TRADE);
            assertThat(lastOf(id).ordStatus()).isEqualTo(OrdStatus.FILLED);

            String later = f.place(f.nos(BUY, LIMIT, "0.1").price("83000").effective(start + SECOND).build(), ALICE);
            assertThat(f.spot.cancel(new CancelOrder(f.nextClOrdId(), lastOf(later).clOrdId(), null, "BTC/USD", BUY,
                    f.now), ALICE, f.now, f.out)).isNull();
            f.spot.timePassed(start + SECOND, f.out);
            assertThat(of(later)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.PENDING_NEW, ExecType.CANCELED);
        }

        @Test
        void validUntilTimeMustBeTwoToSixtySecondsAfterTransactTime() {
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").validUntil(f.now + SECOND, f.now)))
                    .isEqualTo("EGeneral:Invalid arguments:deadline");
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").validUntil(f.now + 61 * SECOND, f.now)))
                    .isEqualTo("EGeneral:Invalid arguments:deadline");
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83000").validUntil(f.now + 2 * SECOND, f.now))).isNull();
        }
    }

    @Nested
    class Instructions {

        @Test
        void aPostOnlyOrderThatWouldTakeIsRefusedAndOneThatWouldNotRests() {
            f.place(f.limit(SELL, "1", "84000"), BOB);
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("84000").inst(ExecInstruction.POST_ONLY)))
                    .isEqualTo("EOrder:Post only order");
            assertThat(refusal(f.nos(BUY, LIMIT, "0.1").price("83900").inst(ExecInstruction.POST_ONLY))).isNull();
            assertThat(refusal(f.nos(BUY, MARKET, "0.1").tif(TimeInForce.IMMEDIATE_OR_CANCEL)
                    .inst(ExecInstruction.POST_ONLY))).isEqualTo("EGeneral:Invalid arguments:oflags");
        }

        @Test
        void underTheUnsolicitedCancelFormAPostOnlyTakerIsAcknowledgedThenCancelled() {
            f = new EngineFixture(Map.of("dialect.engine-reject.form", "unsolicited-cancel"));
            f.place(f.limit(SELL, "1", "84000"), BOB);
            String id = f.place(f.nos(BUY, LIMIT, "0.1").price("84000").inst(ExecInstruction.POST_ONLY).build(), ALICE);
            assertThat(of(id)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
            assertThat(lastOf(id).text()).isEqualTo("Post only order");
        }

        @Test
        void aPostOnlyStopLimitThatWouldTakeWhenItFiresIsCancelled() {
            f.place(f.limit(BUY, "1", "79600"), BOB);
            String id = f.place(f.nos(SELL, OrdType.STOP_LOSS_LIMIT, "0.1").stop("80000").price("79500")
                    .inst(ExecInstruction.POST_ONLY).build(), ALICE);
            trade("80000");
            assertThat(of(id)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.NEW, ExecType.RESTATED, ExecType.CANCELED);
            assertThat(lastOf(id).text()).isEqualTo("Post only order");
        }

        @Test
        void aPostOnlyAmendToACrossingPriceIsRefused() {
            f.place(f.limit(SELL, "1", "84000"), BOB);
            String id = f.place(f.limit(BUY, "0.1", "83000"), ALICE);
            AmendOrder amend = new AmendOrder(f.nextClOrdId(), lastOf(id).clOrdId(), null, "BTC/USD", BUY, null, null,
                    LIMIT, null, d("84000"), null, true, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(amend, ALICE, f.now, f.out).text()).isEqualTo("EOrder:Post only order");
        }

        @Test
        void reduceOnlyOnSpotNeedsAMarginPosition() {
            assertThat(refusal(f.nos(SELL, LIMIT, "0.1").price("84000").inst(ExecInstruction.REDUCE_ONLY)))
                    .isEqualTo("EOrder:Reduce only:Non-PC");
            assertThat(refusal(f.nos(SELL, LIMIT, "0.1").price("84000").inst(ExecInstruction.REDUCE_ONLY).margin()))
                    .isEqualTo("EOrder:Reduce only:No position exists");
        }

        @Test
        void reduceOnlyOnDerivativesOnlyEverReducesThePosition() {
            f.derivatives.submit(f.futures(SELL, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), BOB_DRV, true, f.now, f.out);
            f.derivatives.submit(f.futures(BUY, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true, f.now, f.out);
            assertThat(f.derivatives.derivativesAccounts().get("alice").positions()).containsEntry("PF_XBTUSD", 10_000L);

            MatchingEngine.Rejection grow = f.derivatives.submit(f.nos(BUY, LIMIT, "1").symbol("PF_XBTUSD").price("80000")
                    .inst(ExecInstruction.SINGLE_FEE, ExecInstruction.REDUCE_ONLY).build(), ALICE_DRV, true, f.now, f.out);
            assertThat(grow.text()).isEqualTo("WOULD_NOT_REDUCE_POSITION");

            f.derivatives.submit(f.futures(BUY, "3", "83000", TimeInForce.GOOD_TILL_CANCEL), BOB_DRV, true, f.now, f.out);
            int mark = f.reports.size();
            assertThat(f.derivatives.submit(f.nos(SELL, MARKET, "2").symbol("PF_XBTUSD")
                    .tif(TimeInForce.IMMEDIATE_OR_CANCEL).inst(ExecInstruction.SINGLE_FEE, ExecInstruction.REDUCE_ONLY)
                    .build(), ALICE_DRV, true, f.now, f.out)).isNull();
            List<ExecutionReport> mine = f.since(mark).stream().filter(r -> r.side() == SELL).toList();
            assertThat(mine).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.TRADE,
                    ExecType.CANCELED);
            assertThat(mine.get(1).lastQty()).isEqualTo(d("1"));
            assertThat(mine.get(2).text()).isEqualTo("EOrder:Reduce only:Position is closed");
            assertThat(f.derivatives.derivativesAccounts().get("alice").positions()).containsEntry("PF_XBTUSD", 0L);
        }

        @Test
        void volumeInQuoteCurrencyIsSizedInBaseAtTheLimitPriceOrAgainstTheBook() {
            f.place(f.limit(SELL, "0.01", "84000"), BOB);
            f.place(f.limit(SELL, "1", "85000"), BOB);
            String limit = f.place(f.nos(BUY, LIMIT, "840").price("84000").inst(ExecInstruction.VOLUME_IN_QUOTE).build(),
                    ALICE);
            assertThat(lastOf(limit).orderQty()).isEqualTo(d("0.01"));
            assertThat(lastOf(limit).ordStatus()).isEqualTo(OrdStatus.FILLED);

            f.place(f.limit(SELL, "0.01", "84000"), BOB);
            String market = f.place(f.nos(BUY, MARKET, "1690").tif(TimeInForce.IMMEDIATE_OR_CANCEL)
                    .inst(ExecInstruction.VOLUME_IN_QUOTE).build(), ALICE);
            assertThat(lastOf(market).orderQty()).as("840 at 84000 and 850 at 85000").isEqualTo(d("0.02"));
            assertThat(lastOf(market).cumQty()).isEqualTo(d("0.02"));
            assertThat(refusal(f.nos(SELL, OrdType.STOP_LOSS, "100").stop("80000").inst(ExecInstruction.VOLUME_IN_QUOTE)))
                    .isEqualTo("EGeneral:Invalid arguments:oflags");
        }

        @Test
        void theFeeCurrencyFollowsFAndQOrKrakensDefault() {
            f.place(f.limit(BUY, "1", "84000"), BOB);
            String quote = f.place(f.nos(SELL, LIMIT, "0.1").price("84000").inst(ExecInstruction.FEE_IN_QUOTE).build(),
                    ALICE);
            assertThat(lastOf(quote).fees().get(0).currency()).as("18=q on a sell").isEqualTo("USD");
            String byDefault = f.place(f.limit(SELL, "0.1", "84000"), ALICE);
            assertThat(lastOf(byDefault).fees().get(0).currency()).as("a sell pays in base by default").isEqualTo("BTC");
            f.place(f.limit(SELL, "1", "85000"), BOB);
            String base = f.place(f.nos(BUY, LIMIT, "0.1").price("85000").inst(ExecInstruction.FEE_IN_BASE).build(), ALICE);
            assertThat(lastOf(base).fees().get(0).currency()).as("18=f on a buy").isEqualTo("BTC");
        }

        @Test
        void derivativesSelfTradePreventionIsTheAccountsSetting() {
            f = new EngineFixture(Map.of("accounts.alice.derivatives-stp", "cancel-oldest"));
            f.derivatives.submit(f.futures(BUY, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true, f.now, f.out);
            String resting = f.last().orderId();
            // a per-order 7928 is Spot only (the gateway refuses it on Derivatives); the account's setting rules
            f.derivatives.submit(f.futures(SELL, "1", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true, f.now, f.out);
            assertThat(lastOf(resting).execType()).isEqualTo(ExecType.CANCELED);
            assertThat(lastOf(resting).text()).isEqualTo("Order canceled: self-trade prevention");
            assertThat(f.derivatives.openOrders()).as("the arriving order rests").singleElement()
                    .satisfies(o -> assertThat(o.side()).isEqualTo(SELL));
        }

        @Test
        void theBrokersSubAccountIsEchoedAndTheMarginFlagAccepted() {
            String id = f.place(f.nos(BUY, LIMIT, "0.1").price("83000").alloc("sub-7").margin().build(), ALICE);
            assertThat(lastOf(id).allocAccount()).isEqualTo("sub-7");
            f.place(f.limit(SELL, "0.1", "83000"), BOB);
            assertThat(lastOf(id).execType()).isEqualTo(ExecType.TRADE);
            assertThat(lastOf(id).allocAccount()).isEqualTo("sub-7");
        }
    }

    @Test
    void everyRestingQuantityTheBookShowsIsWhatATakerCanSeeNotWhatIsHidden() {
        // sanity of the book's two totals, which market data (shown) and FOK/market sizing (total) rely on
        f.place(f.nos(SELL, LIMIT, "3").price("84000").display("0.2").build(), ALICE);
        f.place(f.limit(SELL, "0.5", "84000"), BOB);
        assertThat(f.spot.levels("BTC/USD", Side.SELL, 1).get(0)[1]).isEqualTo(d("0.7"));
        String taker = f.place(f.nos(BUY, MARKET, "3.5").tif(TimeInForce.IMMEDIATE_OR_CANCEL).build(), CAROL);
        assertThat(lastOf(taker).cumQty()).isEqualTo(d("3.5"));
    }

    /** Defects a review found (each test fails on the code before its fix). */
    @Nested
    class ReviewedEdges {

        @Test
        @org.junit.jupiter.api.Timeout(10)
        void amendingAScheduledStopNeitherFiresItEarlyNorPutsItInTheBookTwice() {
            trade("84000");
            long start = f.now + 30 * SECOND;
            String id = f.place(f.nos(SELL, OrdType.STOP_LOSS_LIMIT, "0.1").stop("84500").price("85000")
                    .effective(start).build(), ALICE);
            AmendOrder amend = new AmendOrder(f.nextClOrdId(), lastOf(id).clOrdId(), null, "BTC/USD", SELL, d("0.05"),
                    null, OrdType.STOP_LOSS_LIMIT, null, null, null, false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(amend, ALICE, f.now, f.out)).isNull();
            assertThat(of(id)).extracting(ExecutionReport::execType)
                    .containsExactly(ExecType.PENDING_NEW, ExecType.REPLACED);
            f.spot.timePassed(start, f.out);
            assertThat(of(id)).extracting(ExecutionReport::execType).containsExactly(ExecType.PENDING_NEW,
                    ExecType.REPLACED, ExecType.NEW, ExecType.RESTATED);
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).hasSize(1).first()
                    .satisfies(l -> assertThat(l[1]).isEqualTo(d("0.05")));
            String taker = f.place(f.limit(BUY, "0.1", "85000", TimeInForce.IMMEDIATE_OR_CANCEL), CAROL);
            assertThat(lastOf(taker).cumQty()).isEqualTo(d("0.05"));
            assertThat(f.spot.levels("BTC/USD", SELL, 5)).isEmpty();
        }

        @Test
        void quantitiesBeyondWhatALongCountsAreRefusedAndNothingIsLostOrLeaked() {
            String resting = f.place(f.limit(BUY, "0.1", "84000"), ALICE);
            Decimal held = f.available("alice", "USD");
            AmendOrder huge = new AmendOrder(f.nextClOrdId(), lastOf(resting).clOrdId(), null, "BTC/USD", BUY,
                    d("200000"), null, LIMIT, null, null, null, false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(huge, ALICE, f.now, f.out).text()).isEqualTo("EGeneral:Invalid arguments:volume");
            assertThat(f.available("alice", "USD")).as("the hold is kept").isEqualTo(held);

            // a trailing buy sized beyond a long before any reference, firing later inside another account's request
            String trailing = f.place(f.nos(BUY, OrdType.TRAILING_STOP_LIMIT, "200000").stop("100").price("0").build(),
                    ALICE);
            trade("84000");
            trade("84100");
            assertThat(lastOf(trailing).execType()).isEqualTo(ExecType.CANCELED);
            assertThat(lastOf(trailing).text()).isEqualTo("EGeneral:Invalid arguments:volume");

            assertThat(refusal(f.nos(BUY, OrdType.TRAILING_STOP, "200000").stop("100")))
                    .isEqualTo("EGeneral:Invalid arguments:volume");
            assertThat(refusal(f.nos(BUY, LIMIT, "5000.12345678").price("84000.1"))).isEqualTo("EOrder:Insufficient funds");
            assertThat(refusal(f.nos(BUY, LIMIT, "7000000000").price("0.1").display("7000000000")))
                    .isEqualTo("EOrder:Insufficient funds");
        }

        @Test
        void fillOrKillDoesNotCountIcebergSlicesThatReloadBehindItsOwnOrder() {
            f.place(f.nos(SELL, LIMIT, "1").price("84000").display("0.1").build(), BOB);
            f.place(f.limit(SELL, "0.5", "84000"), ALICE);
            String fok = f.place(f.limit(BUY, "0.5", "84000", TimeInForce.FILL_OR_KILL), ALICE);
            assertThat(of(fok)).extracting(ExecutionReport::execType).containsExactly(ExecType.NEW, ExecType.CANCELED);
            assertThat(lastOf(fok).text()).isEqualTo("Fill or kill");
            assertThat(lastOf(fok).cumQty().isZero()).isTrue();
        }

        @Test
        void whileMatchingIsOffNoLiveOrderRestsCrossingTheBook() {
            f.place(f.limit(SELL, "1", "84000"), BOB);
            String stop = f.place(f.nos(BUY, OrdType.STOP_LOSS_LIMIT, "0.1").stop("85000").price("84500").index()
                    .build(), ALICE);
            String resting = f.place(f.limit(BUY, "0.1", "83000"), ALICE);
            f.spot.setInstrumentStatus("BTC/USD", io.fluxfix.model.InstrumentStatus.POST_ONLY);
            f.spot.setIndexPrice("BTC/USD", d("85000"), f.now, f.out);
            assertThat(lastOf(stop).execType()).isEqualTo(ExecType.CANCELED);
            assertThat(lastOf(stop).text()).isEqualTo("EService:Market in post_only mode");
            AmendOrder crossing = new AmendOrder(f.nextClOrdId(), lastOf(resting).clOrdId(), null, "BTC/USD", BUY, null,
                    null, LIMIT, null, d("84500"), null, false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(crossing, ALICE, f.now, f.out).text()).isEqualTo("EService:Market in post_only mode");
            assertThat(f.spot.levels("BTC/USD", BUY, 5)).extracting(l -> l[0]).containsExactly(d("83000"));
        }

        @Test
        void aReduceOnlyProtectiveStopNeedsNoMarginBeyondThePositions() {
            f.derivatives.submit(f.futures(SELL, "10", "84000", TimeInForce.GOOD_TILL_CANCEL), BOB_DRV, true, f.now, f.out);
            f.derivatives.submit(f.futures(BUY, "10", "84000", TimeInForce.GOOD_TILL_CANCEL), ALICE_DRV, true, f.now, f.out);
            MatchingEngine.Rejection stop = f.derivatives.submit(f.nos(SELL, OrdType.STOP_LOSS, "10").symbol("PF_XBTUSD")
                    .stop("80000").inst(ExecInstruction.SINGLE_FEE, ExecInstruction.REDUCE_ONLY).build(), ALICE_DRV, true,
                    f.now, f.out);
            assertThat(stop).isNull();
        }

        @Test
        void indexChangesApplyDueExpiriesFirst() {
            long expire = f.now + 60 * SECOND;
            String gtd = f.place(f.nos(SELL, LIMIT, "0.1").price("84000").expire(expire).build(), BOB);
            String stop = f.place(f.nos(BUY, OrdType.STOP_LOSS, "0.1").stop("85000").index().build(), ALICE);
            f.spot.setIndexPrice("BTC/USD", d("85000"), expire + 100_000_000L, f.out);
            assertThat(lastOf(gtd).execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(of(stop)).noneMatch(r -> r.execType() == ExecType.TRADE);
        }

        @Test
        void amendsKeepTheIcebergRuleIgnore44WithoutALimitAndAcceptAnEchoed99() {
            String ice = f.place(f.nos(SELL, LIMIT, "1.5").price("84000").display("0.1").build(), ALICE);
            AmendOrder bigger = new AmendOrder(f.nextClOrdId(), lastOf(ice).clOrdId(), null, "BTC/USD", SELL, d("5"),
                    null, LIMIT, null, null, null, false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(bigger, ALICE, f.now, f.out).text()).isEqualTo("EGeneral:Invalid arguments:displayvol");

            f.place(f.limit(BUY, "1", "70000"), BOB);
            String stop = f.place(f.nos(SELL, OrdType.STOP_LOSS, "0.1").stop("78000").build(), ALICE);
            AmendOrder withPrice = new AmendOrder(f.nextClOrdId(), lastOf(stop).clOrdId(), null, "BTC/USD", SELL,
                    d("0.2"), null, OrdType.STOP_LOSS, null, d("-5"), d("78000"), false, Stamp.NO_TIME, f.now);
            assertThat(f.spot.amend(withPrice, ALICE, f.now, f.out)).isNull();
            assertThat(lastOf(stop).price()).isNull();
            assertThat(lastOf(stop).orderQty()).isEqualTo(d("0.2"));
        }

        @Test
        void aViqcOrderThatBuysNothingIsRefused() {
            f = new EngineFixture(Map.of("instruments.BTC/USD.qty-min", "0"));
            assertThat(refusal(f.nos(BUY, LIMIT, "0.00001").price("84000").inst(ExecInstruction.VOLUME_IN_QUOTE)))
                    .isEqualTo("EOrder:Order minimum not met");
        }
    }
}
