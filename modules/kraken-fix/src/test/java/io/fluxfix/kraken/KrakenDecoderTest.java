package io.fluxfix.kraken;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.SessionRejectReason;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.event.TradingSessionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the documented examples mean, field by field, once decoded. */
class KrakenDecoderTest {

    private static final Stamp STAMP = new Stamp(1L, 1, 1);
    private static final Map<String, ExampleCorpus.Example> EXAMPLES = ExampleCorpus.load("kraken-examples.txt")
            .stream().collect(Collectors.toMap(ExampleCorpus.Example::id, Function.identity()));

    private final KrakenFixParser parser = new KrakenFixParser();
    private final KrakenDecoder decoder = new KrakenDecoder();

    @Test
    void spotLimitOrder() throws Exception {
        NewOrder o = (NewOrder) command("nos-spot-limit-gtc");
        assertThat(o.clOrdId()).isEqualTo("1744036325000000");
        assertThat(o.symbol()).isEqualTo("BTC/USD");
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.ordType()).isEqualTo(OrdType.LIMIT);
        assertThat(o.price()).isEqualTo(Decimal.parse("84000"));
        assertThat(o.orderQty()).isEqualTo(Decimal.parse("0.001"));
        assertThat(o.stopPx()).isNull();
        assertThat(o.timeInForce()).isEqualTo(TimeInForce.GOOD_TILL_CANCEL);
        assertThat(Instant.EPOCH.plusNanos(o.transactTime())).isEqualTo(Instant.parse("2026-04-07T14:32:05Z"));
    }

    @Test
    void derivativesOrderCarriesTheSingleFeeInstruction() throws Exception {
        NewOrder o = (NewOrder) command("nos-futures-limit");
        assertThat(o.symbol()).isEqualTo("PF_XBTUSD");
        assertThat(o.clOrdId()).isEqualTo("a17d4971-f00d-4f67-94d1-e7d604104ed2");
        assertThat(o.execInstructions().contains(ExecInstruction.SINGLE_FEE)).isTrue();
    }

    @Test
    void triggerOrdersKeepTriggerAndLimitApart() throws Exception {
        NewOrder sl = (NewOrder) command("nos-spot-stop-loss-limit");
        assertThat(sl.ordType()).isEqualTo(OrdType.STOP_LOSS_LIMIT);
        assertThat(sl.stopPx()).isEqualTo(Decimal.parse("80000"));
        assertThat(sl.price()).isEqualTo(Decimal.parse("79500"));
        NewOrder trailing = (NewOrder) command("nos-spot-trailing-stop");
        assertThat(trailing.ordType()).isEqualTo(OrdType.TRAILING_STOP);
        assertThat(trailing.stopPx()).as("trailing distance").isEqualTo(Decimal.parse("2000"));
        NewOrder iceberg = (NewOrder) command("nos-spot-iceberg");
        assertThat(iceberg.displayQty()).isEqualTo(Decimal.parse("0.01"));
        assertThat(((NewOrder) command("nos-spot-post-only")).execInstructions().contains(ExecInstruction.POST_ONLY))
                .isTrue();
        assertThat(((NewOrder) command("nos-spot-margin")).margin()).isTrue();
        NewOrder gtd = (NewOrder) command("nos-spot-gtd");
        assertThat(gtd.timeInForce()).isEqualTo(TimeInForce.GOOD_TILL_DATE);
        assertThat(Instant.EPOCH.plusNanos(gtd.expireTime())).isEqualTo(Instant.parse("2026-04-08T14:32:05Z"));
    }

    @Test
    void cancelNamesTheOrderBothWays() throws Exception {
        CancelOrder c = (CancelOrder) command("ocr-spot");
        assertThat(c.clOrdId()).isEqualTo("1744036325300000");
        assertThat(c.orderId()).isEqualTo("OQNCZM-NVAVC-AVD2LO");
        assertThat(c.origClOrdId()).isEqualTo("1744036325000000");
    }

    @Test
    void fillCarriesPriceQuantityCostAndCumulativeFee() throws Exception {
        ExecutionReport er = (ExecutionReport) event("er-spot-fill");
        assertThat(er.execType()).isEqualTo(ExecType.TRADE);
        assertThat(er.ordStatus()).isEqualTo(OrdStatus.FILLED);
        assertThat(er.isFill()).isTrue();
        assertThat(er.lastPx()).isEqualTo(Decimal.parse("84000"));
        assertThat(er.lastQty()).isEqualTo(Decimal.parse("0.001"));
        assertThat(er.cumQty()).isEqualTo(Decimal.parse("0.001"));
        assertThat(er.leavesQty().isZero()).isTrue();
        assertThat(er.netMoney()).isEqualTo(Decimal.parse("84"));
        assertThat(er.grossTradeAmt()).isEqualTo(Decimal.parse("84"));
        assertThat(er.fees()).singleElement().satisfies(f -> {
            assertThat(f.amount()).isEqualTo(Decimal.parse("0.168"));
            assertThat(f.currency()).isEqualTo("USD");
            assertThat(f.type()).isEqualTo(FeeType.EXCHANGE);
        });
        assertThat(er.tradeId()).isEqualTo("TRADE-001");
        assertThat(er.liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(er.stamp()).isSameAs(STAMP);
    }

    @Test
    void executionReportKindsMapToTheirStates() throws Exception {
        assertThat(((ExecutionReport) event("er-spot-new")).ordStatus()).isEqualTo(OrdStatus.NEW);
        assertThat(((ExecutionReport) event("er-spot-expire")).execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(((ExecutionReport) event("er-spot-pending-new")).ordStatus()).isEqualTo(OrdStatus.PENDING_NEW);
        assertThat(((ExecutionReport) event("er-spot-status")).execType()).isEqualTo(ExecType.ORDER_STATUS);
        ExecutionReport replaced = (ExecutionReport) event("er-replace-ocrr");
        assertThat(replaced.execType()).isEqualTo(ExecType.REPLACED);
        assertThat(replaced.origClOrdId()).isEqualTo("1744036325000000");
        assertThat(replaced.leavesQty()).isEqualTo(Decimal.parse("0.002"));
    }

    @Test
    void businessRejectsCorrelateByClOrdId() throws Exception {
        BusinessReject r = (BusinessReject) event("bmr-unknown-order");
        assertThat(r.refMessage()).isEqualTo(MessageKind.CANCEL);
        assertThat(r.reason()).isEqualTo(BusinessRejectReason.UNKNOWN_ORDER);
        assertThat(r.text()).isEqualTo("EOrder:Unknown order");
        assertThat(r.refId()).isEqualTo("1744036325999000");
        assertThat(r.refSeqNum()).isZero();
    }

    @Test
    void sessionRejectsNameTheTag() throws Exception {
        SessionReject r = (SessionReject) event("sr-missing-side");
        assertThat(r.refTagId()).isEqualTo(54);
        assertThat(r.reason()).isEqualTo(SessionRejectReason.REQUIRED_TAG_MISSING);
        assertThat(r.refSeqNum()).isEqualTo(12);
        SessionReject old = (SessionReject) event("sr-old-missing-side");
        assertThat(old.reason()).as("the old example sends no 373").isNull();
        assertThat(old.refTagId()).isZero();
    }

    @Test
    void snapshotAndIncrement() throws Exception {
        MarketDataSnapshot w = (MarketDataSnapshot) event("mdsfr-spot-l2");
        assertThat(w.symbol()).isEqualTo("BTC/USD");
        assertThat(w.entries()).hasSize(2);
        assertThat(w.entries().get(0).type()).isEqualTo(MdEntryType.OFFER);
        assertThat(w.entries().get(0).entryId()).isEqualTo("O30300.0");
        assertThat(w.entries().get(0).size()).isEqualTo(Decimal.parse("8.44867022"));
        assertThat(w.entries().get(0).entryTime()).isEqualTo(((13 * 60 + 49) * 60 + 7) * 1_000_000_000L + 307_000_000L);

        MarketDataIncrement x = (MarketDataIncrement) event("mdir-spot-l2");
        assertThat(x.entries()).extracting(e -> e.action()).containsExactly(MdUpdateAction.DELETE, MdUpdateAction.NEW);
        assertThat(x.hasChecksum()).isFalse();
        MarketDataIncrement fut = (MarketDataIncrement) event("mdir-futures-l2");
        assertThat(fut.checksum()).isEqualTo(3254665545L);
    }

    @Test
    void instrumentListCarriesPrecisions() throws Exception {
        InstrumentList l = (InstrumentList) event("sl-response-spot");
        assertThat(l.instruments()).hasSize(2);
        assertThat(l.instruments().get(0).symbol()).isEqualTo("BTC/USD");
        assertThat(l.instruments().get(0).pricePrecision()).isEqualTo(1);
        assertThat(l.instruments().get(0).qtyPrecision()).isEqualTo(5);
        assertThat(l.instruments().get(1).tickSize()).isEqualTo(Decimal.parse("0.01"));
        assertThat(l.instruments().get(1).status()).isEqualTo(InstrumentStatus.ONLINE);
    }

    @Test
    void tradingSessionStatusAndMarketDataRequest() throws Exception {
        assertThat(((TradingSessionStatus) event("tss-spot")).status()).isEqualTo(TradingStatus.ONLINE);
        MarketDataRequest spot = (MarketDataRequest) command("mdr-spot-l2");
        assertThat(spot.symbols()).containsExactly("BTC/USD");
        assertThat(spot.entryTypes()).containsExactlyInAnyOrder(MdEntryType.BID, MdEntryType.OFFER);
        assertThat(spot.depth()).isEqualTo(10);
        assertThat(spot.subscriptionType()).isEqualTo(SubscriptionType.SNAPSHOT_AND_UPDATES);
        MarketDataRequest l3 = (MarketDataRequest) command("mdr-futures-l3");
        assertThat(l3.isLevel3()).isTrue();
    }

    @Test
    void sessionMessages() throws Exception {
        SessionEvent.ResendRequested rr = (SessionEvent.ResendRequested) decoder.decodeSession(
                parser.parse(EXAMPLES.get("resend-request-md").raw()), STAMP, "spot-md", true);
        assertThat(rr.beginSeqNo()).isEqualTo(8);
        assertThat(rr.endSeqNo()).isZero();
        SessionEvent.SequenceReset gap = (SessionEvent.SequenceReset) decoder.decodeSession(
                parser.parse(EXAMPLES.get("sequence-reset-gapfill-md").raw()), STAMP, "spot-md", false);
        assertThat(gap.gapFill()).isTrue();
        assertThat(gap.newSeqNo()).isEqualTo(14);
    }

    private Object command(String id) throws Exception {
        return decoder.decodeCommand(parser.parse(EXAMPLES.get(id).raw()));
    }

    private Object event(String id) throws Exception {
        return decoder.decode(parser.parse(EXAMPLES.get(id).raw()), STAMP);
    }
}
