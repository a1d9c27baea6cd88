package io.fluxfix.kraken;

import io.fluxfix.kraken.DecodeException.Reason;
import io.fluxfix.kraken.internal.CodeTable;
import io.fluxfix.kraken.internal.Codes;
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
import quickfix.Field;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

import static io.fluxfix.kraken.KrakenTags.*;

/**
 * QuickFIX/J messages to model values: venue messages to {@link Event}s ({@link #decode}), client requests
 * to {@link Command}s ({@link #decodeCommand}, used by the local venue) and session messages to
 * {@link SessionEvent}s. Each message is read in one pass over its fields. Anything that cannot become a
 * model value — a required or conditionally required tag missing, a value outside the dialect, a number or
 * time that does not parse — is a {@link DecodeException} naming the tag; nothing unchecked escapes.
 *
 * <p>Stateless and thread-safe.
 */
public final class KrakenDecoder {

    /** Decodes a message the venue sends: 8, 9, j, 3, W, X, Y, y, h. */
    public Event decode(Message m, Stamp stamp) throws DecodeException {
        String type = msgType(m);
        switch (type) {
            case "8":
                return executionReport(m, stamp);
            case "W":
                return snapshot(m, stamp);
            case "X":
                return increment(m, stamp);
            case "j":
                return businessReject(m, stamp);
            case "3":
                return sessionReject(m, stamp);
            case "9":
                return orderCancelReject(m, stamp);
            case "Y":
                return marketDataReject(m, stamp);
            case "y":
                return instrumentList(m, stamp);
            case "h":
                return tradingSessionStatus(m, stamp);
            default:
                throw unsupported(type, "not a message a venue sends to a client");
        }
    }

    /** Decodes a request a client sends: D, F, G, H, q, V, x, g. */
    public Command decodeCommand(Message m) throws DecodeException {
        String type = msgType(m);
        switch (type) {
            case "D":
                return newOrder(m);
            case "F":
                return cancel(m);
            case "G":
                return amend(m);
            case "q":
                return massCancel(m);
            case "H":
                return orderStatus(m);
            case "V":
                return marketDataRequest(m);
            case "x":
                return instrumentListRequest(m);
            case "g":
                return tradingSessionStatusRequest(m);
            default:
                throw unsupported(type, "not a request a client sends to a venue");
        }
    }

    /**
     * Decodes a session-layer message (2 ResendRequest, 4 SequenceReset, 5 Logout) of {@code session}.
     *
     * @param fromVenue whether the venue sent it
     */
    public SessionEvent decodeSession(Message m, Stamp stamp, String session, boolean fromVenue)
            throws DecodeException {
        String type = msgType(m);
        switch (type) {
            case "2": {
                long begin = -1;
                long end = -1;
                for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
                    Field<?> f = it.next();
                    if (f.getTag() == BEGIN_SEQ_NO) {
                        begin = seqNum(f, type);
                    } else if (f.getTag() == END_SEQ_NO) {
                        end = seqNum(f, type);
                    }
                }
                require(begin >= 0, BEGIN_SEQ_NO, type);
                require(end >= 0, END_SEQ_NO, type);
                return new SessionEvent.ResendRequested(stamp, session, begin, end, fromVenue);
            }
            case "4": {
                long newSeqNo = -1;
                boolean gapFill = false;
                for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
                    Field<?> f = it.next();
                    if (f.getTag() == NEW_SEQ_NO) {
                        newSeqNo = seqNum(f, type);
                    } else if (f.getTag() == GAP_FILL_FLAG) {
                        gapFill = bool(f, type);
                    }
                }
                require(newSeqNo >= 0, NEW_SEQ_NO, type);
                return new SessionEvent.SequenceReset(stamp, session, newSeqNo, gapFill);
            }
            case "5": {
                String text = m.isSetField(TEXT) ? get(m, TEXT) : null;
                return new SessionEvent.LoggedOut(stamp, session, fromVenue, text);
            }
            default:
                throw unsupported(type, "not a session message with a model form");
        }
    }

    // --- venue messages ------------------------------------------------------------------------------

    ExecutionReport executionReport(Message m, Stamp stamp) throws DecodeException {
        final String t = "8";
        String clOrdId = null;
        String origClOrdId = null;
        String orderId = null;
        String execId = null;
        String secondaryExecId = null;
        String symbol = null;
        String text = null;
        String tradeId = null;
        ExecType execType = null;
        OrdStatus ordStatus = null;
        Side side = null;
        OrdType ordType = null;
        TimeInForce tif = null;
        Decimal orderQty = null;
        Decimal price = null;
        Decimal stopPx = null;
        Decimal triggerPrice = null;
        Decimal displayQty = null;
        Decimal lastPx = null;
        Decimal lastQty = null;
        Decimal avgPx = null;
        Decimal cumQty = null;
        Decimal leavesQty = null;
        Decimal grossTradeAmt = null;
        Decimal netMoney = null;
        Liquidity liquidity = null;
        long transactTime = Stamp.NO_TIME;
        long expireTime = Stamp.NO_TIME;
        int restatementReason = -1;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case AVG_PX:
                    avgPx = decimal(f, t);
                    break;
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case CUM_QTY:
                    cumQty = decimal(f, t);
                    break;
                case EXEC_ID:
                    execId = text(f);
                    break;
                case LAST_PX:
                    lastPx = decimal(f, t);
                    break;
                case LAST_QTY:
                    lastQty = decimal(f, t);
                    break;
                case ORDER_ID:
                    orderId = text(f);
                    break;
                case ORDER_QTY:
                    orderQty = decimal(f, t);
                    break;
                case ORD_STATUS:
                    ordStatus = code(Codes.ORD_STATUS, f, t);
                    break;
                case ORD_TYPE:
                    ordType = code(Codes.ORD_TYPE, f, t);
                    break;
                case ORIG_CL_ORD_ID:
                    origClOrdId = text(f);
                    break;
                case PRICE:
                    price = decimal(f, t);
                    break;
                case SIDE:
                    side = code(Codes.SIDE, f, t);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                case TIME_IN_FORCE:
                    tif = code(Codes.TIME_IN_FORCE, f, t);
                    break;
                case TRANSACT_TIME:
                    transactTime = timestamp(f, t);
                    break;
                case STOP_PX:
                    stopPx = decimal(f, t);
                    break;
                case NET_MONEY:
                    netMoney = decimal(f, t);
                    break;
                case EXPIRE_TIME:
                    expireTime = timestamp(f, t);
                    break;
                case EXEC_TYPE:
                    execType = code(Codes.EXEC_TYPE, f, t);
                    break;
                case LEAVES_QTY:
                    leavesQty = decimal(f, t);
                    break;
                case EXEC_RESTATEMENT_REASON:
                    restatementReason = integer(f, t);
                    break;
                case GROSS_TRADE_AMT:
                    grossTradeAmt = decimal(f, t);
                    break;
                case SECONDARY_EXEC_ID:
                    secondaryExecId = text(f);
                    break;
                case TRADE_ID:
                    tradeId = text(f);
                    break;
                case TRIGGER_PRICE:
                    triggerPrice = decimal(f, t);
                    break;
                case DISPLAY_QTY:
                    displayQty = decimal(f, t);
                    break;
                case LIQUIDITY_IND:
                    liquidity = code(Codes.LIQUIDITY, f, t);
                    break;
                default:
                    // group counts (136, 78) are read with their groups below
            }
        }
        require(orderId != null, ORDER_ID, t);
        require(execId != null, EXEC_ID, t);
        require(execType != null, EXEC_TYPE, t);
        require(ordStatus != null, ORD_STATUS, t);
        require(symbol != null, SYMBOL, t);
        require(side != null, SIDE, t);
        return new ExecutionReport(stamp, clOrdId, origClOrdId, orderId, execId, secondaryExecId, execType,
                ordStatus, symbol, side, ordType, tif, orderQty, price, stopPx, triggerPrice, displayQty, lastPx,
                lastQty, avgPx, cumQty, leavesQty, grossTradeAmt, netMoney, fees(m, t), tradeId, liquidity,
                transactTime, expireTime, text, restatementReason, allocAccount(m, t));
    }

    private List<Fee> fees(Message m, String t) throws DecodeException {
        if (!m.hasGroup(NO_MISC_FEES)) {
            return List.of();
        }
        List<Group> groups = m.getGroups(NO_MISC_FEES);
        Fee[] fees = new Fee[groups.size()];
        int n = 0;
        for (Group g : groups) {
            Decimal amount = null;
            String currency = null;
            FeeType type = null;
            FeeBasis basis = null;
            for (Iterator<Field<?>> it = g.iterator(); it.hasNext(); ) {
                Field<?> f = it.next();
                switch (f.getTag()) {
                    case MISC_FEE_AMT:
                        amount = decimal(f, t);
                        break;
                    case MISC_FEE_CURR:
                        currency = text(f);
                        break;
                    case MISC_FEE_TYPE:
                        type = code(Codes.FEE_TYPE, f, t);
                        break;
                    case MISC_FEE_BASIS:
                        basis = code(Codes.FEE_BASIS, f, t);
                        break;
                    default:
                }
            }
            require(amount != null, MISC_FEE_AMT, t);
            require(type != null, MISC_FEE_TYPE, t);
            fees[n++] = new Fee(amount, currency, type, basis);
        }
        return List.of(fees);
    }

    private String allocAccount(FieldMap m, String t) throws DecodeException {
        if (!m.hasGroup(NO_ALLOCS)) {
            return null;
        }
        List<Group> groups = m.getGroups(NO_ALLOCS);
        if (groups.size() != 1) {
            // Kraken: NoAllocs is always 1.
            throw DecodeException.badValue(NO_ALLOCS, t, Integer.toString(groups.size()));
        }
        Group g = groups.get(0);
        return g.isSetField(ALLOC_ACCOUNT) ? get(g, ALLOC_ACCOUNT) : null;
    }

    private MarketDataSnapshot snapshot(Message m, Stamp stamp) throws DecodeException {
        final String t = "W";
        String mdReqId = null;
        String symbol = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            if (f.getTag() == MD_REQ_ID) {
                mdReqId = text(f);
            } else if (f.getTag() == SYMBOL) {
                symbol = text(f);
            }
        }
        require(symbol != null, SYMBOL, t);
        return new MarketDataSnapshot(stamp, mdReqId, symbol, entries(m, t, false));
    }

    private MarketDataIncrement increment(Message m, Stamp stamp) throws DecodeException {
        final String t = "X";
        String mdReqId = null;
        String symbol = null;
        long checksum = MarketDataIncrement.NO_CHECKSUM;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case MD_REQ_ID:
                    mdReqId = text(f);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case CHECKSUM_ORDER_BOOK:
                    checksum = unsigned32(f, t);
                    break;
                default:
            }
        }
        return new MarketDataIncrement(stamp, mdReqId, symbol, entries(m, t, true), checksum);
    }

    private List<MdEntry> entries(Message m, String t, boolean incremental) throws DecodeException {
        if (!m.hasGroup(NO_MD_ENTRIES)) {
            return List.of();
        }
        List<Group> groups = m.getGroups(NO_MD_ENTRIES);
        List<MdEntry> entries = new ArrayList<>(groups.size());
        for (Group g : groups) {
            MdUpdateAction action = null;
            MdEntryType type = null;
            String id = null;
            Decimal px = null;
            Decimal size = null;
            long time = Stamp.NO_TIME;
            long timestamp = Stamp.NO_TIME;
            long queue = Stamp.NO_TIME;
            OrdType takerType = null;
            Side aggressor = null;
            for (Iterator<Field<?>> it = g.iterator(); it.hasNext(); ) {
                Field<?> f = it.next();
                switch (f.getTag()) {
                    case MD_UPDATE_ACTION:
                        action = code(Codes.MD_UPDATE_ACTION, f, t);
                        break;
                    case MD_ENTRY_TYPE:
                        type = code(Codes.MD_ENTRY_TYPE, f, t);
                        break;
                    case MD_ENTRY_ID:
                        id = text(f);
                        break;
                    case MD_ENTRY_PX:
                        px = decimal(f, t);
                        break;
                    case MD_ENTRY_SIZE:
                        size = decimal(f, t);
                        break;
                    case MD_ENTRY_TIME:
                        time = entryTime(f, t);
                        break;
                    case MD_ENTRY_TIMESTAMP:
                        timestamp = iso(f, t);
                        break;
                    case MD_ENTRY_TIME_QUEUE:
                        queue = iso(f, t);
                        break;
                    case ORD_TYPE:
                        takerType = code(Codes.ORD_TYPE, f, t);
                        break;
                    case AGGRESSOR_SIDE:
                        aggressor = code(Codes.SIDE, f, t);
                        break;
                    default:
                }
            }
            if (incremental) {
                require(action != null, MD_UPDATE_ACTION, t);
            }
            require(type != null, MD_ENTRY_TYPE, t);
            entries.add(new MdEntry(action, type, id, px, size, time, timestamp, queue, takerType, aggressor));
        }
        return entries;
    }

    private BusinessReject businessReject(Message m, Stamp stamp) throws DecodeException {
        final String t = "j";
        long refSeqNum = 0;
        MessageKind ref = null;
        String refId = null;
        BusinessRejectReason reason = null;
        String text = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case REF_SEQ_NUM:
                    refSeqNum = seqNum(f, t);
                    break;
                case REF_MSG_TYPE:
                    ref = messageKind(f);
                    break;
                case BUSINESS_REJECT_REF_ID:
                    refId = text(f);
                    break;
                case BUSINESS_REJECT_REASON:
                    reason = code(Codes.BUSINESS_REJECT_REASON, f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                default:
            }
        }
        require(ref != null, REF_MSG_TYPE, t);
        require(reason != null, BUSINESS_REJECT_REASON, t);
        return new BusinessReject(stamp, refSeqNum, ref, refId, reason, text);
    }

    private SessionReject sessionReject(Message m, Stamp stamp) throws DecodeException {
        final String t = "3";
        long refSeqNum = -1;
        int refTag = 0;
        MessageKind ref = null;
        SessionRejectReason reason = null;
        String text = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case REF_SEQ_NUM:
                    refSeqNum = seqNum(f, t);
                    break;
                case REF_TAG_ID:
                    refTag = integer(f, t);
                    break;
                case REF_MSG_TYPE:
                    ref = messageKind(f);
                    break;
                case SESSION_REJECT_REASON:
                    reason = code(Codes.SESSION_REJECT_REASON, f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                default:
            }
        }
        require(refSeqNum >= 0, REF_SEQ_NUM, t);
        return new SessionReject(stamp, refSeqNum, refTag, ref, reason, text);
    }

    private OrderCancelReject orderCancelReject(Message m, Stamp stamp) throws DecodeException {
        final String t = "9";
        String clOrdId = null;
        String orig = null;
        String orderId = null;
        OrdStatus status = null;
        Boolean forAmend = null;
        int reason = -1;
        String text = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case ORIG_CL_ORD_ID:
                    orig = text(f);
                    break;
                case ORDER_ID:
                    orderId = text(f);
                    break;
                case ORD_STATUS:
                    status = code(Codes.ORD_STATUS, f, t);
                    break;
                case CXL_REJ_RESPONSE_TO:
                    String v = text(f);
                    if (!v.equals("1") && !v.equals("2")) {
                        throw DecodeException.badValue(CXL_REJ_RESPONSE_TO, t, v);
                    }
                    forAmend = v.equals("2");
                    break;
                case CXL_REJ_REASON:
                    reason = integer(f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        require(orderId != null, ORDER_ID, t);
        require(status != null, ORD_STATUS, t);
        require(forAmend != null, CXL_REJ_RESPONSE_TO, t);
        return new OrderCancelReject(stamp, clOrdId, orig, orderId, status, forAmend, reason, text);
    }

    private MarketDataReject marketDataReject(Message m, Stamp stamp) throws DecodeException {
        final String t = "Y";
        String mdReqId = null;
        MdRejectReason reason = null;
        String text = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case MD_REQ_ID:
                    mdReqId = text(f);
                    break;
                case MD_REQ_REJ_REASON:
                    reason = code(Codes.MD_REJECT_REASON, f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                default:
            }
        }
        require(mdReqId != null, MD_REQ_ID, t);
        return new MarketDataReject(stamp, mdReqId, reason, text);
    }

    private InstrumentList instrumentList(Message m, Stamp stamp) throws DecodeException {
        final String t = "y";
        String reqId = null;
        String respId = null;
        InstrumentListResult result = null;
        String text = null;
        int total = -1;
        Boolean last = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case INSTRUMENT_REQ_ID:
                    reqId = text(f);
                    break;
                case INSTRUMENT_RESPONSE_ID:
                    respId = text(f);
                    break;
                case INSTRUMENT_REQUEST_RESULT:
                    result = code(Codes.INSTRUMENT_LIST_RESULT, f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                case TOT_NO_RELATED_SYM:
                    total = integer(f, t);
                    break;
                case LAST_FRAGMENT:
                    last = bool(f, t);
                    break;
                default:
            }
        }
        require(result != null, INSTRUMENT_REQUEST_RESULT, t);
        List<Instrument> instruments = new ArrayList<>();
        if (m.hasGroup(NO_RELATED_SYM)) {
            for (Group g : m.getGroups(NO_RELATED_SYM)) {
                instruments.add(instrument(g, t));
            }
        }
        return new InstrumentList(stamp, reqId, respId, result, text, instruments, total, last);
    }

    private Instrument instrument(Group g, String t) throws DecodeException {
        String symbol = null;
        Decimal minTradeVol = null;
        int qtyPrecision = -1;
        Decimal qtyMin = null;
        Decimal qtyMax = null;
        Decimal minCost = null;
        int pricePrecision = -1;
        int mdPricePrecision = -1;
        Decimal tick = null;
        InstrumentStatus status = null;
        for (Iterator<Field<?>> it = g.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case SYMBOL:
                    symbol = text(f);
                    break;
                case MIN_TRADE_VOL:
                    minTradeVol = decimal(f, t);
                    break;
                case QTY_PRECISION:
                    qtyPrecision = precision(f, t);
                    break;
                case QTY_MIN:
                    qtyMin = decimal(f, t);
                    break;
                case QTY_MAX:
                    qtyMax = decimal(f, t);
                    break;
                case MINIMUM_COST:
                    minCost = decimal(f, t);
                    break;
                case PRICE_PRECISION:
                    pricePrecision = precision(f, t);
                    break;
                case MD_PRICE_PRECISION:
                    mdPricePrecision = precision(f, t);
                    break;
                case TICK_SIZE:
                    tick = decimal(f, t);
                    break;
                case ASSET_PAIR_STATUS:
                    status = code(Codes.INSTRUMENT_STATUS, f, t);
                    break;
                default:
            }
        }
        require(symbol != null, SYMBOL, t);
        // The dictionary leaves these optional, but an instrument is useless without its precisions.
        require(qtyPrecision >= 0, QTY_PRECISION, t);
        require(pricePrecision >= 0, PRICE_PRECISION, t);
        require(status != null, ASSET_PAIR_STATUS, t);
        return new Instrument(symbol, minTradeVol, qtyPrecision, qtyMin, qtyMax, minCost, pricePrecision,
                mdPricePrecision, tick, status);
    }

    private TradingSessionStatus tradingSessionStatus(Message m, Stamp stamp) throws DecodeException {
        final String t = "h";
        String reqId = null;
        String sessionId = null;
        io.fluxfix.model.TradingStatus status = null;
        TradingSessionStatusRejectReason rej = null;
        String text = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case TRAD_SES_REQ_ID:
                    reqId = text(f);
                    break;
                case TRADING_SESSION_ID:
                    sessionId = text(f);
                    break;
                case TRAD_SES_STATUS:
                    status = code(Codes.TRADING_STATUS, f, t);
                    break;
                case TRAD_SES_STATUS_REJ_REASON:
                    rej = code(Codes.TSS_REJECT_REASON, f, t);
                    break;
                case TEXT:
                    text = text(f);
                    break;
                default:
            }
        }
        if (status == null && rej == null) {
            throw DecodeException.conditionallyMissing(TRAD_SES_STATUS, t, "(neither a status nor a reject reason)");
        }
        return new TradingSessionStatus(stamp, reqId, sessionId, status, rej, text);
    }

    // --- client requests -----------------------------------------------------------------------------

    NewOrder newOrder(Message m) throws DecodeException {
        final String t = "D";
        String clOrdId = null;
        String symbol = null;
        Side side = null;
        OrdType ordType = null;
        Decimal qty = null;
        Decimal price = null;
        Decimal stopPx = null;
        TimeInForce tif = null;
        long transactTime = Stamp.NO_TIME;
        long expireTime = Stamp.NO_TIME;
        long effectiveTime = Stamp.NO_TIME;
        long validUntil = Stamp.NO_TIME;
        ExecInstructions inst = ExecInstructions.NONE;
        TriggerReference trigger = null;
        Decimal displayQty = null;
        boolean margin = false;
        SelfTradePrevention stp = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case SIDE:
                    side = code(Codes.SIDE, f, t);
                    break;
                case ORD_TYPE:
                    ordType = code(Codes.ORD_TYPE, f, t);
                    break;
                case ORDER_QTY:
                    qty = decimal(f, t);
                    break;
                case PRICE:
                    price = decimal(f, t);
                    break;
                case STOP_PX:
                    stopPx = decimal(f, t);
                    break;
                case TIME_IN_FORCE:
                    tif = code(Codes.TIME_IN_FORCE, f, t);
                    break;
                case TRANSACT_TIME:
                    transactTime = timestamp(f, t);
                    break;
                case EXPIRE_TIME:
                    expireTime = timestamp(f, t);
                    break;
                case EFFECTIVE_TIME:
                    effectiveTime = timestamp(f, t);
                    break;
                case VALID_UNTIL_TIME:
                    validUntil = timestamp(f, t);
                    break;
                case EXEC_INST:
                    inst = execInstructions(f, t);
                    break;
                case DISCRETION_INST:
                    trigger = code(Codes.TRIGGER, f, t);
                    break;
                case DISPLAY_QTY:
                    displayQty = decimal(f, t);
                    break;
                case LEVERAGE:
                    String lev = text(f);
                    if (!lev.equals("0") && !lev.equals("1")) {
                        throw DecodeException.badValue(LEVERAGE, t, lev);
                    }
                    margin = lev.equals("1");
                    break;
                case SELF_TRADE_PREVENTION:
                    stp = code(Codes.STP, f, t);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        require(symbol != null, SYMBOL, t);
        require(side != null, SIDE, t);
        require(ordType != null, ORD_TYPE, t);
        require(qty != null, ORDER_QTY, t);
        require(tif != null, TIME_IN_FORCE, t);
        require(transactTime != Stamp.NO_TIME, TRANSACT_TIME, t);
        checkPrices(ordType, price, stopPx, t);
        if (tif == TimeInForce.GOOD_TILL_DATE && expireTime == Stamp.NO_TIME) {
            throw DecodeException.conditionallyMissing(EXPIRE_TIME, t, "(required with TimeInForce GTD)");
        }
        return new NewOrder(clOrdId, symbol, side, ordType, qty, price, stopPx, tif, expireTime, effectiveTime,
                validUntil, inst, displayQty, trigger, stp, margin, allocAccount(m, t), transactTime);
    }

    // Trigger first, then the limit: every trigger type needs 99, only some need 44.
    private static void checkPrices(OrdType type, Decimal price, Decimal stopPx, String t) throws DecodeException {
        if (type.hasTrigger() && stopPx == null) {
            throw DecodeException.conditionallyMissing(STOP_PX, t, "(required with OrdType " + type + ")");
        }
        if (type.hasLimitPrice() && price == null) {
            throw DecodeException.conditionallyMissing(PRICE, t, "(required with OrdType " + type + ")");
        }
    }

    private CancelOrder cancel(Message m) throws DecodeException {
        final String t = "F";
        String clOrdId = null;
        String orig = null;
        String orderId = null;
        String symbol = null;
        Side side = null;
        long transactTime = Stamp.NO_TIME;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case ORIG_CL_ORD_ID:
                    orig = text(f);
                    break;
                case ORDER_ID:
                    orderId = text(f);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case SIDE:
                    side = code(Codes.SIDE, f, t);
                    break;
                case TRANSACT_TIME:
                    transactTime = timestamp(f, t);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        if (orig == null && orderId == null) {
            throw DecodeException.conditionallyMissing(ORIG_CL_ORD_ID, t, "(or OrderID 37)");
        }
        return new CancelOrder(clOrdId, orig, orderId, symbol, side, transactTime);
    }

    private AmendOrder amend(Message m) throws DecodeException {
        final String t = "G";
        String clOrdId = null;
        String orig = null;
        String orderId = null;
        String symbol = null;
        Side side = null;
        Decimal qty = null;
        Decimal displayQty = null;
        OrdType ordType = null;
        TimeInForce tif = null;
        Decimal price = null;
        Decimal stopPx = null;
        boolean postOnly = false;
        long validUntil = Stamp.NO_TIME;
        long transactTime = Stamp.NO_TIME;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case ORIG_CL_ORD_ID:
                    orig = text(f);
                    break;
                case ORDER_ID:
                    orderId = text(f);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case SIDE:
                    side = code(Codes.SIDE, f, t);
                    break;
                case ORDER_QTY:
                    qty = decimal(f, t);
                    break;
                case DISPLAY_QTY:
                    displayQty = decimal(f, t);
                    break;
                case ORD_TYPE:
                    ordType = code(Codes.ORD_TYPE, f, t);
                    break;
                case TIME_IN_FORCE:
                    tif = code(Codes.TIME_IN_FORCE, f, t);
                    break;
                case PRICE:
                    price = decimal(f, t);
                    break;
                case STOP_PX:
                    stopPx = decimal(f, t);
                    break;
                case EXEC_INST:
                    ExecInstructions inst = execInstructions(f, t);
                    // An amend only knows post-only (reject the new price if it would match).
                    if (!inst.without(ExecInstruction.POST_ONLY).isEmpty()) {
                        throw DecodeException.badValue(EXEC_INST, t, text(f));
                    }
                    postOnly = inst.contains(ExecInstruction.POST_ONLY);
                    break;
                case VALID_UNTIL_TIME:
                    validUntil = timestamp(f, t);
                    break;
                case TRANSACT_TIME:
                    transactTime = timestamp(f, t);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        require(ordType != null, ORD_TYPE, t);
        if (orig == null && orderId == null) {
            throw DecodeException.conditionallyMissing(ORIG_CL_ORD_ID, t, "(or OrderID 37)");
        }
        return new AmendOrder(clOrdId, orig, orderId, symbol, side, qty, displayQty, ordType, tif, price, stopPx,
                postOnly, validUntil, transactTime);
    }

    private MassCancel massCancel(Message m) throws DecodeException {
        final String t = "q";
        String clOrdId = null;
        MassCancelScope scope = null;
        String symbol = null;
        long transactTime = Stamp.NO_TIME;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case MASS_CANCEL_REQUEST_TYPE:
                    scope = code(Codes.MASS_CANCEL_SCOPE, f, t);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case TRANSACT_TIME:
                    transactTime = timestamp(f, t);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        require(scope != null, MASS_CANCEL_REQUEST_TYPE, t);
        if (scope == MassCancelScope.SYMBOL && symbol == null) {
            throw DecodeException.conditionallyMissing(SYMBOL, t, "(required with MassCancelRequestType 1)");
        }
        return new MassCancel(clOrdId, scope, symbol, transactTime);
    }

    private OrderStatusRequest orderStatus(Message m) throws DecodeException {
        final String t = "H";
        String clOrdId = null;
        String orderId = null;
        String symbol = null;
        Side side = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case CL_ORD_ID:
                    clOrdId = text(f);
                    break;
                case ORDER_ID:
                    orderId = text(f);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case SIDE:
                    side = code(Codes.SIDE, f, t);
                    break;
                default:
            }
        }
        require(clOrdId != null, CL_ORD_ID, t);
        return new OrderStatusRequest(clOrdId, orderId, symbol, side);
    }

    private MarketDataRequest marketDataRequest(Message m) throws DecodeException {
        final String t = "V";
        String mdReqId = null;
        SubscriptionType sub = null;
        int depth = -1;
        Boolean incremental = null;
        Boolean aggregated = null;
        List<String> symbols = new ArrayList<>(2);
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case MD_REQ_ID:
                    mdReqId = text(f);
                    break;
                case SUBSCRIPTION_REQUEST_TYPE:
                    sub = code(Codes.SUBSCRIPTION_TYPE, f, t);
                    break;
                case MARKET_DEPTH:
                    depth = integer(f, t);
                    if (depth < 0) {
                        throw DecodeException.badValue(MARKET_DEPTH, t, text(f));
                    }
                    break;
                case MD_UPDATE_TYPE:
                    String u = text(f);
                    if (!u.equals("0") && !u.equals("1")) {
                        throw DecodeException.badValue(MD_UPDATE_TYPE, t, u);
                    }
                    incremental = u.equals("1");
                    break;
                case AGGREGATED_BOOK:
                    aggregated = bool(f, t);
                    break;
                case SYMBOL:
                    // Kraken's Spot example sends one symbol without the 146 group.
                    symbols.add(text(f));
                    break;
                default:
            }
        }
        require(mdReqId != null, MD_REQ_ID, t);
        require(sub != null, SUBSCRIPTION_REQUEST_TYPE, t);
        require(depth >= 0, MARKET_DEPTH, t);
        Set<MdEntryType> types = EnumSet.noneOf(MdEntryType.class);
        if (m.hasGroup(NO_MD_ENTRY_TYPES)) {
            for (Group g : m.getGroups(NO_MD_ENTRY_TYPES)) {
                Field<?> f = field(g, MD_ENTRY_TYPE, t);
                types.add(code(Codes.MD_ENTRY_TYPE, f, t));
            }
        }
        if (m.hasGroup(NO_RELATED_SYM)) {
            for (Group g : m.getGroups(NO_RELATED_SYM)) {
                symbols.add(text(field(g, SYMBOL, t)));
            }
        }
        if (symbols.isEmpty()) {
            throw DecodeException.missing(SYMBOL, t);
        }
        return new MarketDataRequest(mdReqId, sub, depth, incremental, aggregated, types, symbols);
    }

    private InstrumentListRequest instrumentListRequest(Message m) throws DecodeException {
        final String t = "x";
        String reqId = null;
        InstrumentListRequestType type = null;
        SubscriptionType sub = null;
        String symbol = null;
        SecurityType securityType = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case INSTRUMENT_REQ_ID:
                    reqId = text(f);
                    break;
                case INSTRUMENT_LIST_REQUEST_TYPE:
                    type = code(Codes.INSTRUMENT_LIST_REQUEST_TYPE, f, t);
                    break;
                case SUBSCRIPTION_REQUEST_TYPE:
                    sub = code(Codes.SUBSCRIPTION_TYPE, f, t);
                    break;
                case SYMBOL:
                    symbol = text(f);
                    break;
                case SECURITY_TYPE:
                    securityType = code(Codes.SECURITY_TYPE, f, t);
                    break;
                default:
            }
        }
        require(reqId != null, INSTRUMENT_REQ_ID, t);
        require(type != null, INSTRUMENT_LIST_REQUEST_TYPE, t);
        if (type == InstrumentListRequestType.SINGLE_SYMBOL && symbol == null) {
            throw DecodeException.conditionallyMissing(SYMBOL, t, "(required with InstrumentListRequestType 0)");
        }
        if (type == InstrumentListRequestType.BY_SECURITY_TYPE && securityType == null) {
            throw DecodeException.conditionallyMissing(SECURITY_TYPE, t, "(required with InstrumentListRequestType 1)");
        }
        return new InstrumentListRequest(reqId, type, sub, symbol, securityType);
    }

    private TradingSessionStatusRequest tradingSessionStatusRequest(Message m) throws DecodeException {
        final String t = "g";
        String reqId = null;
        String sessionId = null;
        SubscriptionType sub = null;
        for (Iterator<Field<?>> it = m.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            switch (f.getTag()) {
                case TRAD_SES_REQ_ID:
                    reqId = text(f);
                    break;
                case TRADING_SESSION_ID:
                    sessionId = text(f);
                    break;
                case SUBSCRIPTION_REQUEST_TYPE:
                    sub = code(Codes.SUBSCRIPTION_TYPE, f, t);
                    break;
                default:
            }
        }
        require(reqId != null, TRAD_SES_REQ_ID, t);
        require(sub != null, SUBSCRIPTION_REQUEST_TYPE, t);
        return new TradingSessionStatusRequest(reqId, sessionId, sub);
    }

    // --- field helpers -------------------------------------------------------------------------------

    static String msgType(Message m) throws DecodeException {
        try {
            return m.getHeader().getString(MSG_TYPE);
        } catch (FieldNotFound e) {
            throw DecodeException.missing(MSG_TYPE, null);
        }
    }

    private static DecodeException unsupported(String type, String why) {
        Reason reason = KrakenDictionary.get().isMsgType(type) ? Reason.UNSUPPORTED_MESSAGE : Reason.INVALID_MSG_TYPE;
        return new DecodeException(reason, MSG_TYPE, type, "MsgType " + type + ": " + why);
    }

    private static void require(boolean present, int tag, String msgType) throws DecodeException {
        if (!present) {
            throw DecodeException.missing(tag, msgType);
        }
    }

    private static String text(Field<?> f) {
        Object o = f.getObject();
        return o instanceof String ? (String) o : String.valueOf(o);
    }

    private static String get(FieldMap map, int tag) throws DecodeException {
        try {
            return map.getString(tag);
        } catch (FieldNotFound e) {
            throw DecodeException.missing(tag, null);
        }
    }

    private static Field<?> field(FieldMap g, int tag, String t) throws DecodeException {
        for (Iterator<Field<?>> it = g.iterator(); it.hasNext(); ) {
            Field<?> f = it.next();
            if (f.getTag() == tag) {
                return f;
            }
        }
        throw DecodeException.missing(tag, t);
    }

    private static Decimal decimal(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        try {
            return Decimal.parse(v);
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(f.getTag(), t, v, e.getMessage());
        }
    }

    private static <E extends Enum<E>> E code(CodeTable<E> table, Field<?> f, String t) throws DecodeException {
        String v = text(f);
        E e = table.decode(v);
        if (e == null) {
            throw DecodeException.badValue(f.getTag(), t, v);
        }
        return e;
    }

    private static MessageKind messageKind(Field<?> f) {
        MessageKind k = Codes.MESSAGE_KIND.decode(text(f));
        return k != null ? k : MessageKind.OTHER;
    }

    private static ExecInstructions execInstructions(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        ExecInstructions inst = ExecInstructions.NONE;
        int start = 0;
        while (start <= v.length()) {
            int end = v.indexOf(' ', start);
            if (end < 0) {
                end = v.length();
            }
            ExecInstruction i = end - start == 1 ? Codes.EXEC_INST.decode(v.substring(start, end)) : null;
            if (i == null) {
                throw DecodeException.badValue(EXEC_INST, t, v);
            }
            inst = inst.with(i);
            start = end + 1;
        }
        return inst;
    }

    private static long timestamp(Field<?> f, String t) throws DecodeException {
        return time(f, t, FixTime::parseTimestamp);
    }

    private static long entryTime(Field<?> f, String t) throws DecodeException {
        return time(f, t, FixTime::parseEntryTime);
    }

    private static long iso(Field<?> f, String t) throws DecodeException {
        return time(f, t, FixTime::parseIso);
    }

    private static long time(Field<?> f, String t, ToLongFunction<String> format) throws DecodeException {
        String v = text(f);
        try {
            return format.applyAsLong(v);
        } catch (IllegalArgumentException e) {
            throw DecodeException.badFormat(f.getTag(), t, v, e.getMessage());
        }
    }

    private static int integer(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(f.getTag(), t, v, "not an integer");
        }
    }

    private static int precision(Field<?> f, String t) throws DecodeException {
        int p = integer(f, t);
        if (p < 0 || p > Decimal.MAX_SCALE) {
            throw DecodeException.badValue(f.getTag(), t, text(f));
        }
        return p;
    }

    private static long seqNum(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw DecodeException.badValue(f.getTag(), t, v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(f.getTag(), t, v, "not a sequence number");
        }
    }

    private static long unsigned32(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        try {
            long n = Long.parseLong(v);
            if (n < 0 || n > 0xFFFF_FFFFL) {
                throw DecodeException.badValue(f.getTag(), t, v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw DecodeException.badFormat(f.getTag(), t, v, "not an unsigned 32-bit integer");
        }
    }

    private static boolean bool(Field<?> f, String t) throws DecodeException {
        String v = text(f);
        if (v.equals("Y")) {
            return true;
        }
        if (v.equals("N")) {
            return false;
        }
        throw DecodeException.badValue(f.getTag(), t, v);
    }
}
