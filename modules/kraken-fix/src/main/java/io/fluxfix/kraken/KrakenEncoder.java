package io.fluxfix.kraken;

import io.fluxfix.kraken.internal.CodeTable;
import io.fluxfix.kraken.internal.Codes;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Instrument;
import io.fluxfix.model.command.AmendOrder;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.InstrumentListRequest;
import io.fluxfix.model.command.MarketDataRequest;
import io.fluxfix.model.command.MassCancel;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.command.OrderStatusRequest;
import io.fluxfix.model.command.TradingSessionStatusRequest;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MessageKind;
import io.fluxfix.model.event.OrderCancelReject;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.event.TradingSessionStatus;
import quickfix.DataDictionary;
import quickfix.FieldMap;
import quickfix.Group;
import quickfix.Message;

import static io.fluxfix.kraken.KrakenTags.*;

/**
 * Model values to QuickFIX/J messages in Kraken's dialect: client requests ({@link #encode(Command)}), venue
 * messages ({@link #encode(Event)}, used by the local venue) and session messages. Only the body and MsgType
 * are set; the session fills the rest of the header. Body fields come out in tag order and group members in
 * the dictionary's (Kraken's) order; timestamps carry milliseconds, as Kraken's do.
 *
 * <p>Stateless and thread-safe.
 */
public final class KrakenEncoder {

    private static final GroupShape MISC_FEES = GroupShape.of("8", NO_MISC_FEES);
    private static final GroupShape ALLOCS_NOS = GroupShape.of("D", NO_ALLOCS);
    private static final GroupShape ALLOCS_ER = GroupShape.of("8", NO_ALLOCS);
    private static final GroupShape SNAPSHOT_ENTRIES = GroupShape.of("W", NO_MD_ENTRIES);
    private static final GroupShape INCREMENT_ENTRIES = GroupShape.of("X", NO_MD_ENTRIES);
    private static final GroupShape MD_ENTRY_TYPES = GroupShape.of("V", NO_MD_ENTRY_TYPES);
    private static final GroupShape MD_SYMBOLS = GroupShape.of("V", NO_RELATED_SYM);
    private static final GroupShape INSTRUMENTS = GroupShape.of("y", NO_RELATED_SYM);

    public Message encode(Command command) {
        if (command instanceof NewOrder) {
            return newOrder((NewOrder) command);
        }
        if (command instanceof CancelOrder) {
            return cancel((CancelOrder) command);
        }
        if (command instanceof AmendOrder) {
            return amend((AmendOrder) command);
        }
        if (command instanceof MassCancel) {
            return massCancel((MassCancel) command);
        }
        if (command instanceof OrderStatusRequest) {
            return orderStatus((OrderStatusRequest) command);
        }
        if (command instanceof MarketDataRequest) {
            return marketDataRequest((MarketDataRequest) command);
        }
        if (command instanceof InstrumentListRequest) {
            return instrumentListRequest((InstrumentListRequest) command);
        }
        if (command instanceof TradingSessionStatusRequest) {
            return tradingSessionStatusRequest((TradingSessionStatusRequest) command);
        }
        throw new IllegalArgumentException("no FIX form for " + command.getClass().getSimpleName());
    }

    public Message encode(Event event) {
        if (event instanceof ExecutionReport) {
            return executionReport((ExecutionReport) event);
        }
        if (event instanceof MarketDataIncrement) {
            return increment((MarketDataIncrement) event);
        }
        if (event instanceof MarketDataSnapshot) {
            return snapshot((MarketDataSnapshot) event);
        }
        if (event instanceof BusinessReject) {
            return businessReject((BusinessReject) event);
        }
        if (event instanceof SessionReject) {
            return sessionReject((SessionReject) event);
        }
        if (event instanceof OrderCancelReject) {
            return orderCancelReject((OrderCancelReject) event);
        }
        if (event instanceof MarketDataReject) {
            return marketDataReject((MarketDataReject) event);
        }
        if (event instanceof InstrumentList) {
            return instrumentList((InstrumentList) event);
        }
        if (event instanceof TradingSessionStatus) {
            return tradingSessionStatus((TradingSessionStatus) event);
        }
        if (event instanceof SessionEvent) {
            return session((SessionEvent) event);
        }
        throw new IllegalArgumentException("no FIX form for " + event.getClass().getSimpleName());
    }

    // --- client requests -----------------------------------------------------------------------------

    private Message newOrder(NewOrder o) {
        Message m = message("D");
        m.setString(CL_ORD_ID, o.clOrdId());
        m.setString(SYMBOL, o.symbol());
        m.setString(SIDE, Codes.SIDE.code(o.side()));
        m.setString(ORD_TYPE, Codes.ORD_TYPE.code(o.ordType()));
        m.setString(ORDER_QTY, o.orderQty().toString());
        setDecimal(m, PRICE, o.price());
        setDecimal(m, STOP_PX, o.stopPx());
        m.setString(TIME_IN_FORCE, Codes.TIME_IN_FORCE.code(o.timeInForce()));
        setTime(m, TRANSACT_TIME, o.transactTime());
        setSeconds(m, EXPIRE_TIME, o.expireTime());
        setTime(m, EFFECTIVE_TIME, o.effectiveTime());
        setTime(m, VALID_UNTIL_TIME, o.validUntilTime());
        setExecInst(m, o.execInstructions());
        setCode(m, DISCRETION_INST, Codes.TRIGGER, o.triggerReference());
        setDecimal(m, DISPLAY_QTY, o.displayQty());
        if (o.margin()) {
            m.setString(LEVERAGE, "1");
        }
        setCode(m, SELF_TRADE_PREVENTION, Codes.STP, o.selfTradePrevention());
        setAllocAccount(m, ALLOCS_NOS, o.allocAccount());
        return m;
    }

    private Message cancel(CancelOrder c) {
        Message m = message("F");
        m.setString(CL_ORD_ID, c.clOrdId());
        setString(m, ORDER_ID, c.orderId());
        setString(m, ORIG_CL_ORD_ID, c.origClOrdId());
        setCode(m, SIDE, Codes.SIDE, c.side());
        setString(m, SYMBOL, c.symbol());
        setTime(m, TRANSACT_TIME, c.transactTime());
        return m;
    }

    private Message amend(AmendOrder a) {
        Message m = message("G");
        m.setString(CL_ORD_ID, a.clOrdId());
        setString(m, ORDER_ID, a.orderId());
        setString(m, ORIG_CL_ORD_ID, a.origClOrdId());
        setCode(m, SIDE, Codes.SIDE, a.side());
        setString(m, SYMBOL, a.symbol());
        setTime(m, TRANSACT_TIME, a.transactTime());
        setDecimal(m, ORDER_QTY, a.orderQty());
        setDecimal(m, DISPLAY_QTY, a.displayQty());
        setCode(m, ORD_TYPE, Codes.ORD_TYPE, a.ordType());
        setCode(m, TIME_IN_FORCE, Codes.TIME_IN_FORCE, a.timeInForce());
        setDecimal(m, PRICE, a.price());
        setDecimal(m, STOP_PX, a.stopPx());
        if (a.postOnly()) {
            m.setString(EXEC_INST, Codes.EXEC_INST.code(ExecInstruction.POST_ONLY));
        }
        setTime(m, VALID_UNTIL_TIME, a.validUntilTime());
        return m;
    }

    private Message massCancel(MassCancel c) {
        Message m = message("q");
        m.setString(CL_ORD_ID, c.clOrdId());
        setTime(m, TRANSACT_TIME, c.transactTime());
        m.setString(MASS_CANCEL_REQUEST_TYPE, Codes.MASS_CANCEL_SCOPE.code(c.scope()));
        setString(m, SYMBOL, c.symbol());
        return m;
    }

    private Message orderStatus(OrderStatusRequest r) {
        Message m = message("H");
        m.setString(CL_ORD_ID, r.clOrdId());
        setString(m, ORDER_ID, r.orderId());
        setString(m, SYMBOL, r.symbol());
        setCode(m, SIDE, Codes.SIDE, r.side());
        return m;
    }

    private Message marketDataRequest(MarketDataRequest r) {
        Message m = message("V");
        m.setString(MD_REQ_ID, r.mdReqId());
        m.setString(SUBSCRIPTION_REQUEST_TYPE, Codes.SUBSCRIPTION_TYPE.code(r.subscriptionType()));
        m.setString(MARKET_DEPTH, Integer.toString(r.depth()));
        if (r.incrementalOnly() != null) {
            m.setString(MD_UPDATE_TYPE, r.incrementalOnly() ? "1" : "0");
        }
        if (r.aggregated() != null) {
            m.setString(AGGREGATED_BOOK, r.aggregated() ? "Y" : "N");
        }
        // Kraken's examples list offer before bid when they send all three; the enum order (bid, offer,
        // trade) is as good and is what the venue echoes nothing of.
        for (MdEntryType type : MdEntryType.values()) {
            if (r.entryTypes().contains(type)) {
                Group g = MD_ENTRY_TYPES.newGroup();
                g.setString(MD_ENTRY_TYPE, Codes.MD_ENTRY_TYPE.code(type));
                m.addGroup(g);
            }
        }
        for (String symbol : r.symbols()) {
            Group g = MD_SYMBOLS.newGroup();
            g.setString(SYMBOL, symbol);
            m.addGroup(g);
        }
        return m;
    }

    private Message instrumentListRequest(InstrumentListRequest r) {
        Message m = message("x");
        m.setString(INSTRUMENT_REQ_ID, r.requestId());
        m.setString(INSTRUMENT_LIST_REQUEST_TYPE, Codes.INSTRUMENT_LIST_REQUEST_TYPE.code(r.type()));
        setCode(m, SUBSCRIPTION_REQUEST_TYPE, Codes.SUBSCRIPTION_TYPE, r.subscriptionType());
        setString(m, SYMBOL, r.symbol());
        setCode(m, SECURITY_TYPE, Codes.SECURITY_TYPE, r.securityType());
        return m;
    }

    private Message tradingSessionStatusRequest(TradingSessionStatusRequest r) {
        Message m = message("g");
        m.setString(TRAD_SES_REQ_ID, r.requestId());
        setString(m, TRADING_SESSION_ID, r.tradingSessionId());
        m.setString(SUBSCRIPTION_REQUEST_TYPE, Codes.SUBSCRIPTION_TYPE.code(r.subscriptionType()));
        return m;
    }

    // --- venue messages ------------------------------------------------------------------------------

    private Message executionReport(ExecutionReport e) {
        Message m = message("8");
        setDecimal(m, AVG_PX, e.avgPx());
        setString(m, CL_ORD_ID, e.clOrdId());
        setDecimal(m, CUM_QTY, e.cumQty());
        m.setString(EXEC_ID, e.execId());
        setDecimal(m, LAST_PX, e.lastPx());
        setDecimal(m, LAST_QTY, e.lastQty());
        m.setString(ORDER_ID, e.orderId());
        setDecimal(m, ORDER_QTY, e.orderQty());
        m.setString(ORD_STATUS, Codes.ORD_STATUS.code(e.ordStatus()));
        setCode(m, ORD_TYPE, Codes.ORD_TYPE, e.ordType());
        setString(m, ORIG_CL_ORD_ID, e.origClOrdId());
        setDecimal(m, PRICE, e.price());
        m.setString(SIDE, Codes.SIDE.code(e.side()));
        m.setString(SYMBOL, e.symbol());
        setString(m, TEXT, e.text());
        setCode(m, TIME_IN_FORCE, Codes.TIME_IN_FORCE, e.timeInForce());
        setTime(m, TRANSACT_TIME, e.transactTime());
        setDecimal(m, STOP_PX, e.stopPx());
        setDecimal(m, NET_MONEY, e.netMoney());
        setSeconds(m, EXPIRE_TIME, e.expireTime());
        for (Fee fee : e.fees()) {
            Group g = MISC_FEES.newGroup();
            g.setString(MISC_FEE_AMT, fee.amount().toString());
            if (fee.currency() != null) {
                g.setString(MISC_FEE_CURR, fee.currency());
            }
            g.setString(MISC_FEE_TYPE, Codes.FEE_TYPE.code(fee.type()));
            setCode(g, MISC_FEE_BASIS, Codes.FEE_BASIS, fee.basis());
            m.addGroup(g);
        }
        m.setString(EXEC_TYPE, Codes.EXEC_TYPE.code(e.execType()));
        setDecimal(m, LEAVES_QTY, e.leavesQty());
        if (e.restatementReason() >= 0) {
            m.setString(EXEC_RESTATEMENT_REASON, Integer.toString(e.restatementReason()));
        }
        setDecimal(m, GROSS_TRADE_AMT, e.grossTradeAmt());
        setString(m, SECONDARY_EXEC_ID, e.secondaryExecId());
        setString(m, TRADE_ID, e.tradeId());
        setDecimal(m, TRIGGER_PRICE, e.triggerPrice());
        setDecimal(m, DISPLAY_QTY, e.displayQty());
        setCode(m, LIQUIDITY_IND, Codes.LIQUIDITY, e.liquidity());
        setAllocAccount(m, ALLOCS_ER, e.allocAccount());
        return m;
    }

    private Message snapshot(MarketDataSnapshot s) {
        Message m = message("W");
        m.setString(SYMBOL, s.symbol());
        setString(m, MD_REQ_ID, s.mdReqId());
        for (MdEntry e : s.entries()) {
            m.addGroup(entry(SNAPSHOT_ENTRIES.newGroup(), e));
        }
        if (s.entries().isEmpty()) {
            // the group is required (an empty book still says so): 268=0
            m.setInt(NO_MD_ENTRIES, 0);
        }
        return m;
    }

    private Message increment(MarketDataIncrement x) {
        Message m = message("X");
        setString(m, SYMBOL, x.symbol());
        setString(m, MD_REQ_ID, x.mdReqId());
        for (MdEntry e : x.entries()) {
            Group g = INCREMENT_ENTRIES.newGroup();
            g.setString(MD_UPDATE_ACTION, Codes.MD_UPDATE_ACTION.code(e.action()));
            m.addGroup(entry(g, e));
        }
        if (x.hasChecksum()) {
            m.setString(CHECKSUM_ORDER_BOOK, Long.toString(x.checksum()));
        }
        return m;
    }

    private static Group entry(Group g, MdEntry e) {
        g.setString(MD_ENTRY_TYPE, Codes.MD_ENTRY_TYPE.code(e.type()));
        setString(g, MD_ENTRY_ID, e.entryId());
        setDecimal(g, MD_ENTRY_PX, e.price());
        setDecimal(g, MD_ENTRY_SIZE, e.size());
        if (e.entryTime() != Stamp.NO_TIME) {
            g.setString(MD_ENTRY_TIME, FixTime.formatTimeOnly(e.entryTime()));
        }
        if (e.timestamp() != Stamp.NO_TIME) {
            g.setString(MD_ENTRY_TIMESTAMP, FixTime.formatIso(e.timestamp()));
        }
        if (e.queueTime() != Stamp.NO_TIME) {
            g.setString(MD_ENTRY_TIME_QUEUE, FixTime.formatIso(e.queueTime()));
        }
        setCode(g, ORD_TYPE, Codes.ORD_TYPE, e.takerOrdType());
        setCode(g, AGGRESSOR_SIDE, Codes.SIDE, e.aggressorSide());
        return g;
    }

    private Message businessReject(BusinessReject r) {
        Message m = message("j");
        m.setString(REF_SEQ_NUM, Long.toString(r.refSeqNum()));
        setString(m, TEXT, r.text());
        m.setString(REF_MSG_TYPE, messageKind(r.refMessage()));
        setString(m, BUSINESS_REJECT_REF_ID, r.refId());
        m.setString(BUSINESS_REJECT_REASON, Codes.BUSINESS_REJECT_REASON.code(r.reason()));
        return m;
    }

    private Message sessionReject(SessionReject r) {
        Message m = message("3");
        m.setString(REF_SEQ_NUM, Long.toString(r.refSeqNum()));
        setString(m, TEXT, r.text());
        if (r.refTagId() > 0) {
            m.setString(REF_TAG_ID, Integer.toString(r.refTagId()));
        }
        if (r.refMessage() != null) {
            m.setString(REF_MSG_TYPE, messageKind(r.refMessage()));
        }
        setCode(m, SESSION_REJECT_REASON, Codes.SESSION_REJECT_REASON, r.reason());
        return m;
    }

    private Message orderCancelReject(OrderCancelReject r) {
        Message m = message("9");
        m.setString(CL_ORD_ID, r.clOrdId());
        m.setString(ORDER_ID, r.orderId());
        m.setString(ORD_STATUS, Codes.ORD_STATUS.code(r.ordStatus()));
        setString(m, ORIG_CL_ORD_ID, r.origClOrdId());
        setString(m, TEXT, r.text());
        if (r.reasonCode() >= 0) {
            m.setString(CXL_REJ_REASON, Integer.toString(r.reasonCode()));
        }
        m.setString(CXL_REJ_RESPONSE_TO, r.forAmend() ? "2" : "1");
        return m;
    }

    private Message marketDataReject(MarketDataReject r) {
        Message m = message("Y");
        setString(m, TEXT, r.text());
        m.setString(MD_REQ_ID, r.mdReqId());
        setCode(m, MD_REQ_REJ_REASON, Codes.MD_REJECT_REASON, r.reason());
        return m;
    }

    private Message instrumentList(InstrumentList l) {
        Message m = message("y");
        setString(m, TEXT, l.text());
        setString(m, INSTRUMENT_REQ_ID, l.requestId());
        setString(m, INSTRUMENT_RESPONSE_ID, l.responseId());
        m.setString(INSTRUMENT_REQUEST_RESULT, Codes.INSTRUMENT_LIST_RESULT.code(l.result()));
        if (l.totalInstruments() >= 0) {
            m.setString(TOT_NO_RELATED_SYM, Integer.toString(l.totalInstruments()));
        }
        if (l.lastFragment() != null) {
            m.setString(LAST_FRAGMENT, l.lastFragment() ? "Y" : "N");
        }
        for (Instrument i : l.instruments()) {
            Group g = INSTRUMENTS.newGroup();
            g.setString(SYMBOL, i.symbol());
            setDecimal(g, MIN_TRADE_VOL, i.minTradeVol());
            g.setString(QTY_PRECISION, Integer.toString(i.qtyPrecision()));
            setDecimal(g, QTY_MIN, i.qtyMin());
            setDecimal(g, QTY_MAX, i.qtyMax());
            setDecimal(g, MINIMUM_COST, i.minCost());
            g.setString(PRICE_PRECISION, Integer.toString(i.pricePrecision()));
            if (i.mdPricePrecision() >= 0) {
                g.setString(MD_PRICE_PRECISION, Integer.toString(i.mdPricePrecision()));
            }
            setDecimal(g, TICK_SIZE, i.tickSize());
            g.setString(ASSET_PAIR_STATUS, Codes.INSTRUMENT_STATUS.code(i.status()));
            m.addGroup(g);
        }
        return m;
    }

    private Message tradingSessionStatus(TradingSessionStatus s) {
        Message m = message("h");
        setString(m, TEXT, s.text());
        setString(m, TRAD_SES_REQ_ID, s.requestId());
        setString(m, TRADING_SESSION_ID, s.tradingSessionId());
        setCode(m, TRAD_SES_STATUS, Codes.TRADING_STATUS, s.status());
        setCode(m, TRAD_SES_STATUS_REJ_REASON, Codes.TSS_REJECT_REASON, s.rejectReason());
        return m;
    }

    private Message session(SessionEvent e) {
        if (e instanceof SessionEvent.ResendRequested) {
            SessionEvent.ResendRequested r = (SessionEvent.ResendRequested) e;
            Message m = message("2");
            m.setString(BEGIN_SEQ_NO, Long.toString(r.beginSeqNo()));
            m.setString(END_SEQ_NO, Long.toString(r.endSeqNo()));
            return m;
        }
        if (e instanceof SessionEvent.SequenceReset) {
            SessionEvent.SequenceReset r = (SessionEvent.SequenceReset) e;
            Message m = message("4");
            m.setString(NEW_SEQ_NO, Long.toString(r.newSeqNo()));
            m.setString(GAP_FILL_FLAG, r.gapFill() ? "Y" : "N");
            return m;
        }
        if (e instanceof SessionEvent.LoggedOut) {
            Message m = message("5");
            setString(m, TEXT, ((SessionEvent.LoggedOut) e).reason());
            return m;
        }
        throw new IllegalArgumentException(e.getClass().getSimpleName() + " is not a FIX message");
    }

    // --- helpers -------------------------------------------------------------------------------------

    static Message message(String msgType) {
        Message m = new Message();
        m.getHeader().setString(MSG_TYPE, msgType);
        return m;
    }

    private static String messageKind(MessageKind kind) {
        return Codes.MESSAGE_KIND.code(kind);
    }

    private static void setString(FieldMap m, int tag, String value) {
        if (value != null) {
            m.setString(tag, value);
        }
    }

    private static <E extends Enum<E>> void setCode(FieldMap m, int tag, CodeTable<E> table, E value) {
        if (value != null) {
            m.setString(tag, table.code(value));
        }
    }

    private static void setDecimal(FieldMap m, int tag, Decimal value) {
        if (value != null) {
            m.setString(tag, value.toString());
        }
    }

    private static void setTime(FieldMap m, int tag, long epochNanos) {
        if (epochNanos != Stamp.NO_TIME) {
            m.setString(tag, FixTime.formatTimestamp(epochNanos));
        }
    }

    /** Kraken documents ExpireTime as {@code YYYYMMDD-HH:MM:SS}: whole seconds, any fraction dropped. */
    private static void setSeconds(FieldMap m, int tag, long epochNanos) {
        if (epochNanos != Stamp.NO_TIME) {
            m.setString(tag, FixTime.formatTimestampSeconds(epochNanos));
        }
    }

    private static void setExecInst(FieldMap m, ExecInstructions inst) {
        if (inst.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(12);
        for (ExecInstruction i : inst.toList()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(Codes.EXEC_INST.code(i));
        }
        m.setString(EXEC_INST, sb.toString());
    }

    private static void setAllocAccount(Message m, GroupShape allocs, String account) {
        if (account != null) {
            Group g = allocs.newGroup();
            g.setString(ALLOC_ACCOUNT, account);
            m.addGroup(g);
        }
    }

    /** A repeating group's count tag, delimiter and member order, as Kraken's dictionary declares them. */
    private static final class GroupShape {
        private final int countTag;
        private final int delimiter;
        private final int[] order;

        private GroupShape(int countTag, int delimiter, int[] order) {
            this.countTag = countTag;
            this.delimiter = delimiter;
            this.order = order;
        }

        static GroupShape of(String msgType, int countTag) {
            DataDictionary.GroupInfo info = KrakenDictionary.get().getGroup(msgType, countTag);
            if (info == null) {
                throw new IllegalStateException("dictionary has no group " + countTag + " in " + msgType);
            }
            return new GroupShape(countTag, info.getDelimiterField(), info.getDataDictionary().getOrderedFields());
        }

        Group newGroup() {
            return new Group(countTag, delimiter, order);
        }
    }
}
