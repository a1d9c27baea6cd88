package io.fluxfix.kraken.internal;

import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
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
import io.fluxfix.model.command.InstrumentListRequestType;
import io.fluxfix.model.command.MassCancelScope;
import io.fluxfix.model.command.SubscriptionType;
import io.fluxfix.model.event.BusinessRejectReason;
import io.fluxfix.model.event.FeeBasis;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.InstrumentListResult;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdRejectReason;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.SessionRejectReason;
import io.fluxfix.model.event.TradingSessionStatusRejectReason;

/** Kraken's FIX codes for every model enum, in one place (see {@code docs/kraken-dialect.md}). */
public final class Codes {

    private Codes() {
    }

    public static final CodeTable<Side> SIDE = new CodeTable<>("Side", Side.class)
            .map(Side.BUY, "1").map(Side.SELL, "2");

    public static final CodeTable<OrdType> ORD_TYPE = new CodeTable<>("OrdType", OrdType.class)
            .map(OrdType.MARKET, "1").map(OrdType.LIMIT, "2")
            .map(OrdType.STOP_LOSS, "3").map(OrdType.STOP_LOSS_LIMIT, "4")
            .map(OrdType.TAKE_PROFIT, "R").map(OrdType.TAKE_PROFIT_LIMIT, "T")
            .map(OrdType.TRAILING_STOP, "U").map(OrdType.TRAILING_STOP_LIMIT, "V");

    public static final CodeTable<TimeInForce> TIME_IN_FORCE = new CodeTable<>("TimeInForce", TimeInForce.class)
            .map(TimeInForce.GOOD_TILL_CANCEL, "1").map(TimeInForce.IMMEDIATE_OR_CANCEL, "3")
            .map(TimeInForce.FILL_OR_KILL, "4").map(TimeInForce.GOOD_TILL_DATE, "6");

    public static final CodeTable<ExecInstruction> EXEC_INST = new CodeTable<>("ExecInst", ExecInstruction.class)
            .map(ExecInstruction.REDUCE_ONLY, "E").map(ExecInstruction.POST_ONLY, "P")
            .map(ExecInstruction.VOLUME_IN_QUOTE, "v").map(ExecInstruction.FEE_IN_BASE, "f")
            .map(ExecInstruction.FEE_IN_QUOTE, "q").map(ExecInstruction.SINGLE_FEE, "s");

    public static final CodeTable<SelfTradePrevention> STP =
            new CodeTable<>("SelfTradePrevention", SelfTradePrevention.class)
                    .map(SelfTradePrevention.CANCEL_BOTH, "0").map(SelfTradePrevention.CANCEL_NEWEST, "1")
                    .map(SelfTradePrevention.CANCEL_OLDEST, "2");

    public static final CodeTable<TriggerReference> TRIGGER = new CodeTable<>("DiscretionInst", TriggerReference.class)
            .map(TriggerReference.INDEX, "1").map(TriggerReference.LAST_TRADE, "5");

    public static final CodeTable<ExecType> EXEC_TYPE = new CodeTable<>("ExecType", ExecType.class)
            .map(ExecType.NEW, "0").map(ExecType.PARTIAL_FILL, "1").map(ExecType.FILL, "2")
            .map(ExecType.DONE_FOR_DAY, "3").map(ExecType.CANCELED, "4").map(ExecType.REPLACED, "5")
            .map(ExecType.PENDING_CANCEL, "6").map(ExecType.STOPPED, "7").map(ExecType.REJECTED, "8")
            .map(ExecType.SUSPENDED, "9").map(ExecType.PENDING_NEW, "A").map(ExecType.CALCULATED, "B")
            .map(ExecType.EXPIRED, "C").map(ExecType.RESTATED, "D").map(ExecType.PENDING_REPLACE, "E")
            .map(ExecType.TRADE, "F").map(ExecType.TRADE_CORRECT, "G").map(ExecType.TRADE_CANCEL, "H")
            .map(ExecType.ORDER_STATUS, "I");

    public static final CodeTable<OrdStatus> ORD_STATUS = new CodeTable<>("OrdStatus", OrdStatus.class)
            .map(OrdStatus.NEW, "0").map(OrdStatus.PARTIALLY_FILLED, "1").map(OrdStatus.FILLED, "2")
            .map(OrdStatus.DONE_FOR_DAY, "3").map(OrdStatus.CANCELED, "4").map(OrdStatus.REPLACED, "5")
            .map(OrdStatus.PENDING_CANCEL, "6").map(OrdStatus.STOPPED, "7").map(OrdStatus.REJECTED, "8")
            .map(OrdStatus.SUSPENDED, "9").map(OrdStatus.PENDING_NEW, "A").map(OrdStatus.CALCULATED, "B")
            .map(OrdStatus.EXPIRED, "C").map(OrdStatus.ACCEPTED_FOR_BIDDING, "D")
            .map(OrdStatus.PENDING_REPLACE, "E");

    public static final CodeTable<Liquidity> LIQUIDITY = new CodeTable<>("LiquidityInd", Liquidity.class)
            .map(Liquidity.MAKER, "0").map(Liquidity.TAKER, "1");

    public static final CodeTable<FeeType> FEE_TYPE = new CodeTable<>("MiscFeeType", FeeType.class)
            .map(FeeType.REGULATORY, "1").map(FeeType.TAX, "2").map(FeeType.LOCAL_COMMISSION, "3")
            .map(FeeType.EXCHANGE, "4").map(FeeType.STAMP, "5").map(FeeType.LEVY, "6").map(FeeType.OTHER, "7")
            .map(FeeType.MARKUP, "8").map(FeeType.CONSUMPTION_TAX, "9").map(FeeType.PER_TRANSACTION, "10")
            .map(FeeType.CONVERSION, "11").map(FeeType.AGENT, "12");

    public static final CodeTable<FeeBasis> FEE_BASIS = new CodeTable<>("MiscFeeBasis", FeeBasis.class)
            .map(FeeBasis.ABSOLUTE, "0").map(FeeBasis.PER_UNIT, "1").map(FeeBasis.PERCENTAGE, "2");

    public static final CodeTable<MessageKind> MESSAGE_KIND = new CodeTable<>("MsgType", MessageKind.class)
            .map(MessageKind.NEW_ORDER, "D").map(MessageKind.CANCEL, "F").map(MessageKind.AMEND, "G")
            .map(MessageKind.MASS_CANCEL, "q").map(MessageKind.ORDER_STATUS, "H")
            .map(MessageKind.EXECUTION_REPORT, "8").map(MessageKind.ORDER_CANCEL_REJECT, "9")
            .map(MessageKind.MARKET_DATA_REQUEST, "V").map(MessageKind.INSTRUMENT_LIST_REQUEST, "x")
            .map(MessageKind.TRADING_SESSION_STATUS_REQUEST, "g").map(MessageKind.MARKET_DATA_SNAPSHOT, "W")
            .map(MessageKind.MARKET_DATA_INCREMENT, "X").map(MessageKind.MARKET_DATA_REJECT, "Y")
            .map(MessageKind.INSTRUMENT_LIST, "y").map(MessageKind.TRADING_SESSION_STATUS, "h")
            .map(MessageKind.LOGON, "A").map(MessageKind.LOGOUT, "5").map(MessageKind.HEARTBEAT, "0")
            .map(MessageKind.TEST_REQUEST, "1").map(MessageKind.RESEND_REQUEST, "2")
            .map(MessageKind.SEQUENCE_RESET, "4").map(MessageKind.REJECT, "3")
            .map(MessageKind.BUSINESS_REJECT, "j");

    public static final CodeTable<SessionRejectReason> SESSION_REJECT_REASON = sessionRejectReasons();

    public static final CodeTable<BusinessRejectReason> BUSINESS_REJECT_REASON =
            new CodeTable<>("BusinessRejectReason", BusinessRejectReason.class)
                    .map(BusinessRejectReason.OTHER, "0").map(BusinessRejectReason.UNKNOWN_ID, "1")
                    .map(BusinessRejectReason.UNKNOWN_SECURITY, "2")
                    .map(BusinessRejectReason.UNSUPPORTED_MESSAGE_TYPE, "3")
                    .map(BusinessRejectReason.APPLICATION_NOT_AVAILABLE, "4")
                    .map(BusinessRejectReason.CONDITIONALLY_REQUIRED_FIELD_MISSING, "5")
                    .map(BusinessRejectReason.NOT_AUTHORIZED, "6")
                    .map(BusinessRejectReason.DELIVER_TO_FIRM_NOT_AVAILABLE, "7")
                    .map(BusinessRejectReason.INVALID_PRICE_INCREMENT, "18")
                    .map(BusinessRejectReason.UNKNOWN_ORDER, "101")
                    .map(BusinessRejectReason.ORDER_TOO_OLD, "104");

    public static final CodeTable<MdEntryType> MD_ENTRY_TYPE = new CodeTable<>("MDEntryType", MdEntryType.class)
            .map(MdEntryType.BID, "0").map(MdEntryType.OFFER, "1").map(MdEntryType.TRADE, "2");

    public static final CodeTable<MdUpdateAction> MD_UPDATE_ACTION =
            new CodeTable<>("MDUpdateAction", MdUpdateAction.class)
                    .map(MdUpdateAction.NEW, "0").map(MdUpdateAction.CHANGE, "1").map(MdUpdateAction.DELETE, "2");

    public static final CodeTable<MdRejectReason> MD_REJECT_REASON =
            new CodeTable<>("MDReqRejReason", MdRejectReason.class)
                    .map(MdRejectReason.UNKNOWN_SYMBOL, "0").map(MdRejectReason.DUPLICATE_MD_REQ_ID, "1")
                    .map(MdRejectReason.INSUFFICIENT_BANDWIDTH, "2")
                    .map(MdRejectReason.INSUFFICIENT_PERMISSIONS, "3")
                    .map(MdRejectReason.UNSUPPORTED_SUBSCRIPTION_TYPE, "4")
                    .map(MdRejectReason.UNSUPPORTED_MARKET_DEPTH, "5")
                    .map(MdRejectReason.UNSUPPORTED_UPDATE_TYPE, "6")
                    .map(MdRejectReason.UNSUPPORTED_AGGREGATED_BOOK, "7")
                    .map(MdRejectReason.UNSUPPORTED_ENTRY_TYPE, "8")
                    .map(MdRejectReason.UNSUPPORTED_TRADING_SESSION, "9")
                    .map(MdRejectReason.UNSUPPORTED_SCOPE, "A").map(MdRejectReason.LEVEL3_NOT_AVAILABLE, "B")
                    .map(MdRejectReason.TRADES_NOT_AVAILABLE, "C");

    public static final CodeTable<SubscriptionType> SUBSCRIPTION_TYPE =
            new CodeTable<>("SubscriptionRequestType", SubscriptionType.class)
                    .map(SubscriptionType.SNAPSHOT, "0").map(SubscriptionType.SNAPSHOT_AND_UPDATES, "1")
                    .map(SubscriptionType.UNSUBSCRIBE, "2");

    public static final CodeTable<MassCancelScope> MASS_CANCEL_SCOPE =
            new CodeTable<>("MassCancelRequestType", MassCancelScope.class)
                    .map(MassCancelScope.SYMBOL, "1").map(MassCancelScope.SESSION, "6")
                    .map(MassCancelScope.SENDER_COMP_ID, "7");

    public static final CodeTable<InstrumentListRequestType> INSTRUMENT_LIST_REQUEST_TYPE =
            new CodeTable<>("InstrumentListRequestType", InstrumentListRequestType.class)
                    .map(InstrumentListRequestType.SINGLE_SYMBOL, "0")
                    .map(InstrumentListRequestType.BY_SECURITY_TYPE, "1")
                    .map(InstrumentListRequestType.ALL, "4");

    public static final CodeTable<SecurityType> SECURITY_TYPE = new CodeTable<>("SecurityType", SecurityType.class)
            .map(SecurityType.SPOT, "CASH").map(SecurityType.FUTURE, "FUT").map(SecurityType.OPTION, "OPT")
            .map(SecurityType.XSTOCK, "TS");

    public static final CodeTable<InstrumentListResult> INSTRUMENT_LIST_RESULT =
            new CodeTable<>("InstrumentRequestResult", InstrumentListResult.class)
                    .map(InstrumentListResult.VALID, "0").map(InstrumentListResult.INVALID_OR_UNSUPPORTED, "1")
                    .map(InstrumentListResult.NO_MATCH, "2").map(InstrumentListResult.NOT_AUTHORIZED, "3")
                    .map(InstrumentListResult.UNAVAILABLE, "4").map(InstrumentListResult.NOT_SUPPORTED, "5");

    public static final CodeTable<InstrumentStatus> INSTRUMENT_STATUS =
            new CodeTable<>("AssetPairStatus", InstrumentStatus.class)
                    .map(InstrumentStatus.HIDDEN, "0").map(InstrumentStatus.ONLINE, "1")
                    .map(InstrumentStatus.MAINTENANCE, "2").map(InstrumentStatus.CANCEL_ONLY, "3")
                    .map(InstrumentStatus.POST_ONLY, "4").map(InstrumentStatus.LIMIT_ONLY, "5")
                    .map(InstrumentStatus.DELISTED, "6").map(InstrumentStatus.REDUCE_ONLY, "7");

    public static final CodeTable<TradingStatus> TRADING_STATUS = new CodeTable<>("TradSesStatus", TradingStatus.class)
            .map(TradingStatus.UNKNOWN, "0").map(TradingStatus.MAINTENANCE, "1").map(TradingStatus.ONLINE, "2")
            .map(TradingStatus.CANCEL_ONLY, "101").map(TradingStatus.POST_ONLY, "102");

    public static final CodeTable<TradingSessionStatusRejectReason> TSS_REJECT_REASON =
            new CodeTable<>("TradSesStatusRejReason", TradingSessionStatusRejectReason.class)
                    .map(TradingSessionStatusRejectReason.UNKNOWN_SESSION_ID, "1")
                    .map(TradingSessionStatusRejectReason.OTHER, "99")
                    .map(TradingSessionStatusRejectReason.INVALID_REQUEST_ID, "100")
                    .map(TradingSessionStatusRejectReason.INVALID_SUBSCRIPTION_TYPE, "101")
                    .map(TradingSessionStatusRejectReason.DUPLICATE_REQUEST_ID, "102")
                    .map(TradingSessionStatusRejectReason.ALREADY_SUBSCRIBED, "103");

    private static CodeTable<SessionRejectReason> sessionRejectReasons() {
        CodeTable<SessionRejectReason> t = new CodeTable<>("SessionRejectReason", SessionRejectReason.class);
        for (SessionRejectReason r : SessionRejectReason.values()) {
            t.map(r, r == SessionRejectReason.OTHER ? "99" : Integer.toString(r.ordinal()));
        }
        return t;
    }
}
