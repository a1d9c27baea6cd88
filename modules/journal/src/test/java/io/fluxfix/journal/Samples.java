package io.fluxfix.journal;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.InstrumentStatus;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.SecurityType;
import io.fluxfix.model.SelfTradePrevention;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.TradingStatus;
import io.fluxfix.model.TriggerReference;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.InstrumentListRequestType;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.command.TradingSessionStatusRequest;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeBasis;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.InstrumentListResult;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdRejectReason;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.OrderCancelReject;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.SessionRejectReason;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.event.TradingSessionStatus;
import io.fluxfix.model.event.TradingSessionStatusRejectReason;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One instance of every event and command type with every optional field set ("rich"), and one with none. */
final class Samples {

    static final long T0 = 1_775_572_325_123_456_789L; // 2026-04-07T14:32:05.123456789Z
    static final int DAY = 20_550;

    private Samples() {
    }

    static Stamp stamp(long seq) {
        return new Stamp(T0 + seq * 1_000_000L, DAY, seq);
    }

    static Decimal d(String s) {
        return Decimal.parse(s);
    }

    static MdEntry richEntry() {
        return new MdEntry(MdUpdateAction.CHANGE, MdEntryType.TRADE, "T-1", d("84000.10"), d("0.00100000"),
                52_325_123_000_000L, T0, T0 - 5, OrdType.LIMIT, Side.SELL);
    }

    static MdEntry bareEntry() {
        return new MdEntry(null, MdEntryType.BID, null, null, null, Stamp.NO_TIME, Stamp.NO_TIME, Stamp.NO_TIME,
                null, null);
    }

    static Instrument instrument(boolean rich) {
        return rich
                ? new Instrument("BTC/USD", d("0.0001"), 8, d("0.00005"), d("1000"), d("0.5"), 1, 2, d("0.1"),
                InstrumentStatus.ONLINE)
                : new Instrument("PF_XBTUSD", null, 4, null, null, null, 0, -1, null, InstrumentStatus.REDUCE_ONLY);
    }

    static ExecutionReport executionReport(long seq, boolean rich) {
        if (!rich) {
            return new ExecutionReport(stamp(seq), null, null, "O-1", "E-1", null, ExecType.NEW, OrdStatus.NEW,
                    "BTC/USD", Side.BUY, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, List.of(), null, null, Stamp.NO_TIME, Stamp.NO_TIME, null, -1, null);
        }
        return new ExecutionReport(stamp(seq), "1744036325000000", "1744036324000000", "OQNCZM-NVAVC-AVD2LO",
                "EXEC003:TRD001", "42", ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, "BTC/USD", Side.SELL,
                OrdType.STOP_LOSS_LIMIT, TimeInForce.GOOD_TILL_DATE, d("0.0020"), d("84000.0"), d("83990"),
                d("83995.5"), d("0.001"), d("84000"), d("0.001"), d("84000.00"), d("0.001"), d("0.0010"),
                d("84.000"), d("84"), List.of(new Fee(d("0.168"), "USD", FeeType.EXCHANGE, FeeBasis.PERCENTAGE),
                new Fee(d("-0.01"), null, FeeType.OTHER, null)), "TRADE-001", Liquidity.MAKER, T0 - 77,
                T0 + 86_400_000_000_000L, "partially filled: ünïcode ✓", 3, "sub-account-7");
    }

    /** Every event type (and every session event subtype), rich and bare, seq numbers from {@code firstSeq}. */
    static List<Event> events(long firstSeq) {
        long s = firstSeq;
        return List.of(
                new MarketDataSnapshot(stamp(s++), "md-1", "BTC/USD", List.of(
                        MdEntry.level(MdEntryType.BID, "B84000", d("84000"), d("1.5"), 1L),
                        MdEntry.level(MdEntryType.OFFER, "O84001", d("84001"), d("0.25"), 2L), bareEntry())),
                new MarketDataSnapshot(stamp(s++), null, "ETH/USD", List.of()),
                new MarketDataIncrement(stamp(s++), "md-1", "BTC/USD", List.of(richEntry(), bareEntry(),
                        MdEntry.update(MdUpdateAction.DELETE, MdEntryType.OFFER, "O1", d("1"), d("0"), 3L)),
                        0xFFFF_FFFFL),
                new MarketDataIncrement(stamp(s++), null, null, List.of(), MarketDataIncrement.NO_CHECKSUM),
                new MarketDataReject(stamp(s++), "md-2", MdRejectReason.LEVEL3_NOT_AVAILABLE, "no L3"),
                new MarketDataReject(stamp(s++), null, null, null),
                new InstrumentList(stamp(s++), "req-1", "resp-1", InstrumentListResult.VALID, "all",
                        List.of(instrument(true), instrument(false)), 250, Boolean.FALSE),
                new InstrumentList(stamp(s++), null, null, InstrumentListResult.NO_MATCH, null, List.of(), -1, null),
                new TradingSessionStatus(stamp(s++), "tss-1", "SESSION", TradingStatus.POST_ONLY,
                        TradingSessionStatusRejectReason.ALREADY_SUBSCRIBED, "post only"),
                new TradingSessionStatus(stamp(s++), null, null, null, null, null),
                executionReport(s++, true),
                executionReport(s++, false),
                new OrderCancelReject(stamp(s++), "c-2", "c-1", "O-1", OrdStatus.FILLED, true, 1, "too late"),
                new OrderCancelReject(stamp(s++), null, null, null, null, false, -1, null),
                new BusinessReject(stamp(s++), 17, MessageKind.NEW_ORDER, "c-3", BusinessRejectReason.OTHER,
                        "EOrder:Insufficient funds"),
                new BusinessReject(stamp(s++), 0, null, null, BusinessRejectReason.UNKNOWN_ORDER, null),
                new SessionReject(stamp(s++), 12, 44, MessageKind.AMEND, SessionRejectReason.VALUE_INCORRECT,
                        "bad price"),
                new SessionReject(stamp(s++), 0, 0, null, null, null),
                new SessionEvent.LoggingOn(stamp(s++), "spot-trading"),
                new SessionEvent.LoggedOn(stamp(s++), "spot-trading", 30, true),
                new SessionEvent.LoggedOut(stamp(s++), "spot-trading", true, "error rate"),
                new SessionEvent.LoggedOut(stamp(s++), "spot-trading", false, null),
                new SessionEvent.Disconnected(stamp(s++), "spot-trading", "connection reset"),
                new SessionEvent.Rollover(stamp(s++), "spot-trading", DAY + 1),
                new SessionEvent.SequenceGap(stamp(s++), "spot-trading", 10, 15),
                new SessionEvent.ResendRequested(stamp(s++), "spot-trading", 10, 0, false),
                new SessionEvent.SequenceReset(stamp(s++), "spot-trading", 99, true));
    }

    /** Every command type, rich and bare. */
    static List<Command> commands() {
        return List.of(
                new NewOrder("c-1", "BTC/USD", Side.BUY, OrdType.TRAILING_STOP_LIMIT, d("0.0010"), d("84000.5"),
                        d("100"), TimeInForce.GOOD_TILL_DATE, T0 + 1, T0 + 2, T0 + 3,
                        ExecInstructions.of(ExecInstruction.POST_ONLY, ExecInstruction.FEE_IN_QUOTE), d("0.0005"),
                        TriggerReference.INDEX, SelfTradePrevention.CANCEL_OLDEST, true, "sub-1", T0),
                NewOrder.market("c-2", "PF_XBTUSD", Side.SELL, d("1"), null, Stamp.NO_TIME),
                new CancelOrder("c-3", "c-1", "O-1", "BTC/USD", Side.BUY, T0),
                new CancelOrder("c-4", null, "O-1", null, null, Stamp.NO_TIME),
                new AmendOrder("c-5", "c-1", "O-1", "BTC/USD", Side.BUY, d("0.002"), d("0.001"), OrdType.LIMIT,
                        TimeInForce.GOOD_TILL_CANCEL, d("83000.00"), d("1"), true, T0 + 5, T0),
                new AmendOrder("c-6", "c-1", null, null, null, null, null, null, null, null, null, false,
                        Stamp.NO_TIME, Stamp.NO_TIME),
                new MassCancel("c-7", MassCancelScope.SYMBOL, "BTC/USD", T0),
                new MassCancel("c-8", MassCancelScope.SESSION, null, Stamp.NO_TIME),
                new OrderStatusRequest("c-9", "O-1", "BTC/USD", Side.SELL),
                new OrderStatusRequest("c-10", null, null, null),
                new MarketDataRequest("md-1", SubscriptionType.SNAPSHOT_AND_UPDATES, 10, true, false,
                        EnumSet.of(MdEntryType.BID, MdEntryType.TRADE), List.of("BTC/USD", "ETH/USD")),
                new MarketDataRequest("md-2", SubscriptionType.UNSUBSCRIBE, 0, null, null, Set.of(), List.of()),
                new InstrumentListRequest("il-1", InstrumentListRequestType.SINGLE_SYMBOL,
                        SubscriptionType.SNAPSHOT, "BTC/USD", SecurityType.SPOT),
                InstrumentListRequest.all("il-2"),
                new TradingSessionStatusRequest("ts-1", "SESSION", SubscriptionType.SNAPSHOT_AND_UPDATES),
                new TradingSessionStatusRequest("ts-2", null, SubscriptionType.SNAPSHOT));
    }
}
