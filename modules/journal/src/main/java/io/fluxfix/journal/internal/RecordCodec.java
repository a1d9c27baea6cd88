package io.fluxfix.journal.internal;

import io.fluxfix.journal.Journal;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.fluxfix.journal.internal.RecordWriter.putByte;
import static io.fluxfix.journal.internal.RecordWriter.putByteAndSignedVarLong;
import static io.fluxfix.journal.internal.RecordWriter.putBytes2;
import static io.fluxfix.journal.internal.RecordWriter.putBytesLongIntLong;
import static io.fluxfix.journal.internal.RecordWriter.putInt;
import static io.fluxfix.journal.internal.RecordWriter.putLong;
import static io.fluxfix.journal.internal.RecordWriter.putVarLong;
import static io.fluxfix.journal.internal.RecordWriter.utf8Bound;

/**
 * The binary record format, version {@value #VERSION}. A record is a fixed header
 *
 * <pre>
 *   byte version | byte type code | byte direction (0 in, 1 out) | long timeNanos | int sessionDay | long seqNum
 *   | utf8 session
 * </pre>
 *
 * then the body of its type, all little-endian. In bodies: a string is a varint of its UTF-8 length + 1
 * (0 = null) and its bytes; a {@link Decimal} is a byte scale (-1 for null) and, when present, a zigzag-varint
 * mantissa; an enum is a byte, 0 for null, else its ordinal + 1 (the enums' constant order is pinned by a
 * test: new constants go last); a nullable Boolean is a byte 0 null, 1 false, 2 true; times and other longs
 * are fixed 8 bytes; lists and bit sets are a varint count or mask then their elements. An inbound event's
 * {@link Stamp} is the header's time, day and seqNum. Primitive encodings: {@link RecordWriter}.
 *
 * <p>Encoding allocates nothing: it walks the event's own fields, with indexed loops over its lists, into a
 * reused {@link RecordWriter}; the journal copies the result into one Chronicle document.
 */
public final class RecordCodec {

    /** The format version written in every record. */
    public static final byte VERSION = 1;
    /** Bytes of the header before the session name. */
    public static final int FIXED_HEADER = 3 + 8 + 4 + 8;

    private static final byte IN = 0;
    private static final byte OUT = 1;

    // values() clones its array on every call: cache them once.
    private static final ExecType[] EXEC_TYPES = ExecType.values();
    private static final OrdStatus[] ORD_STATUSES = OrdStatus.values();
    private static final Side[] SIDES = Side.values();
    private static final OrdType[] ORD_TYPES = OrdType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();
    private static final Liquidity[] LIQUIDITIES = Liquidity.values();
    private static final FeeType[] FEE_TYPES = FeeType.values();
    private static final FeeBasis[] FEE_BASES = FeeBasis.values();
    private static final MdUpdateAction[] MD_ACTIONS = MdUpdateAction.values();
    private static final MdEntryType[] MD_ENTRY_TYPES = MdEntryType.values();
    private static final MdRejectReason[] MD_REJECT_REASONS = MdRejectReason.values();
    private static final InstrumentListResult[] LIST_RESULTS = InstrumentListResult.values();
    private static final InstrumentStatus[] INSTRUMENT_STATUSES = InstrumentStatus.values();
    private static final TradingStatus[] TRADING_STATUSES = TradingStatus.values();
    private static final TradingSessionStatusRejectReason[] TSS_REJECT_REASONS =
            TradingSessionStatusRejectReason.values();
    private static final MessageKind[] MESSAGE_KINDS = MessageKind.values();
    private static final BusinessRejectReason[] BUSINESS_REJECT_REASONS = BusinessRejectReason.values();
    private static final SessionRejectReason[] SESSION_REJECT_REASONS = SessionRejectReason.values();
    private static final ExecInstruction[] EXEC_INSTRUCTIONS = ExecInstruction.values();
    private static final TriggerReference[] TRIGGER_REFERENCES = TriggerReference.values();
    private static final SelfTradePrevention[] STPS = SelfTradePrevention.values();
    private static final MassCancelScope[] MASS_CANCEL_SCOPES = MassCancelScope.values();
    private static final SubscriptionType[] SUBSCRIPTION_TYPES = SubscriptionType.values();
    private static final InstrumentListRequestType[] LIST_REQUEST_TYPES = InstrumentListRequestType.values();
    private static final SecurityType[] SECURITY_TYPES = SecurityType.values();

    // SessionEvent subtypes
    private static final byte LOGGING_ON = 1;
    private static final byte LOGGED_ON = 2;
    private static final byte LOGGED_OUT = 3;
    private static final byte DISCONNECTED = 4;
    private static final byte ROLLOVER = 5;
    private static final byte SEQUENCE_GAP = 6;
    private static final byte RESEND_REQUESTED = 7;
    private static final byte SEQUENCE_RESET = 8;

    private RecordCodec() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes an inbound event record. */
    public static void writeInbound(RecordWriter out, String session, Event event) {
        RecordType type = RecordType.of(event);
        Stamp s = event.stamp();
        writeHeader(out, type, IN, s.receivedNanos(), s.sessionDay(), s.seqNum(), session);
        writeEvent(out, type, event);
    }

    /** Writes an outbound command record. */
    public static void writeOutbound(RecordWriter out, String session, long sentNanos, int sessionDay, long seqNum,
                                     Command command) {
        RecordType type = RecordType.of(command);
        writeHeader(out, type, OUT, sentNanos, sessionDay, seqNum, session);
        writeCommand(out, type, command);
    }

    private static void writeHeader(RecordWriter out, RecordType type, byte direction, long time, int day, long seq,
                                    String session) {
        byte[] a = out.reserve(FIXED_HEADER + utf8Bound(session));
        int p = putBytesLongIntLong(a, out.position(), VERSION, type.code(), direction, time, day, seq);
        out.position(out.putUtf8(a, p, session));
    }

    private static void writeEvent(RecordWriter out, RecordType type, Event event) {
        switch (type) {
            case MARKET_DATA_INCREMENTAL -> {
                MarketDataIncrement e = (MarketDataIncrement) event;
                out.writeUtf8(e.mdReqId());
                out.writeUtf8(e.symbol());
                writeEntries(out, e.entries());
                out.writeLong(e.checksum());
            }
            case MARKET_DATA_SNAPSHOT -> {
                MarketDataSnapshot e = (MarketDataSnapshot) event;
                out.writeUtf8(e.mdReqId());
                out.writeUtf8(e.symbol());
                writeEntries(out, e.entries());
            }
            case MARKET_DATA_REJECT -> {
                MarketDataReject e = (MarketDataReject) event;
                out.writeUtf8(e.mdReqId());
                writeEnum(out, e.reason());
                out.writeUtf8(e.text());
            }
            case EXECUTION_REPORT -> writeExecutionReport(out, (ExecutionReport) event);
            case ORDER_CANCEL_REJECT -> {
                OrderCancelReject e = (OrderCancelReject) event;
                out.writeUtf8(e.clOrdId());
                out.writeUtf8(e.origClOrdId());
                out.writeUtf8(e.orderId());
                writeEnum(out, e.ordStatus());
                out.writeBoolean(e.forAmend());
                out.writeInt(e.reasonCode());
                out.writeUtf8(e.text());
            }
            case BUSINESS_REJECT -> {
                BusinessReject e = (BusinessReject) event;
                out.writeLong(e.refSeqNum());
                writeEnum(out, e.refMessage());
                out.writeUtf8(e.refId());
                writeEnum(out, e.reason());
                out.writeUtf8(e.text());
            }
            case SESSION_REJECT -> {
                SessionReject e = (SessionReject) event;
                out.writeLong(e.refSeqNum());
                out.writeInt(e.refTagId());
                writeEnum(out, e.refMessage());
                writeEnum(out, e.reason());
                out.writeUtf8(e.text());
            }
            case INSTRUMENT_LIST -> {
                InstrumentList e = (InstrumentList) event;
                out.writeUtf8(e.requestId());
                out.writeUtf8(e.responseId());
                writeEnum(out, e.result());
                out.writeUtf8(e.text());
                List<Instrument> list = e.instruments();
                out.writeVarLong(list.size());
                for (int i = 0; i < list.size(); i++) {
                    writeInstrument(out, list.get(i));
                }
                out.writeInt(e.totalInstruments());
                writeBoolean(out, e.lastFragment());
            }
            case TRADING_SESSION_STATUS -> {
                TradingSessionStatus e = (TradingSessionStatus) event;
                out.writeUtf8(e.requestId());
                out.writeUtf8(e.tradingSessionId());
                writeEnum(out, e.status());
                writeEnum(out, e.rejectReason());
                out.writeUtf8(e.text());
            }
            case SESSION_EVENT -> writeSessionEvent(out, (SessionEvent) event);
            default -> throw new IllegalArgumentException(type + " is not an event");
        }
    }

    /** Bytes of a decimal, at most: scale byte and a ten-byte varint. */
    private static final int DECIMAL_BOUND = 1 + RecordWriter.MAX_VARLONG;

    /** Bytes of an ExecutionReport's body besides its strings and fees, at most (each decimal 11). */
    private static final int EXECUTION_REPORT_FIXED = 2 + 3 + 12 * DECIMAL_BOUND + 5 + 1 + 8 + 8 + 4;
    /** Bytes of one fee besides its currency, at most. */
    private static final int FEE_FIXED = DECIMAL_BOUND + 2;

    /**
     * The fill's body, the busiest record a trading session writes: room for all of it reserved at once, then
     * every field written through one local position (no capacity check and no position update per field).
     */
    private static void writeExecutionReport(RecordWriter out, ExecutionReport e) {
        String clOrdId = e.clOrdId();
        String origClOrdId = e.origClOrdId();
        String orderId = e.orderId();
        String execId = e.execId();
        String secondaryExecId = e.secondaryExecId();
        String symbol = e.symbol();
        String tradeId = e.tradeId();
        String text = e.text();
        String allocAccount = e.allocAccount();
        List<Fee> fees = e.fees();
        int feeCount = fees.size();
        int bound = EXECUTION_REPORT_FIXED + utf8Bound(clOrdId) + utf8Bound(origClOrdId) + utf8Bound(orderId)
                + utf8Bound(execId) + utf8Bound(secondaryExecId) + utf8Bound(symbol) + utf8Bound(tradeId)
                + utf8Bound(text) + utf8Bound(allocAccount);
        for (int i = 0; i < feeCount; i++) {
            bound += FEE_FIXED + utf8Bound(fees.get(i).currency());
        }
        byte[] a = out.reserve(bound);
        int p = out.position();
        p = out.putUtf8(a, p, clOrdId);
        p = out.putUtf8(a, p, origClOrdId);
        p = out.putUtf8(a, p, orderId);
        p = RecordWriter.putUtf8Unique(a, p, execId); // new in every report: not worth remembering
        p = out.putUtf8(a, p, secondaryExecId);
        p = putBytes2(a, p, enumByte(e.execType()), enumByte(e.ordStatus()));
        p = out.putUtf8(a, p, symbol);
        p = putBytes2(a, p, enumByte(e.side()), enumByte(e.ordType()));
        p = putByte(a, p, enumByte(e.timeInForce()));
        p = putDecimal(a, p, e.orderQty());
        p = putDecimal(a, p, e.price());
        p = putDecimal(a, p, e.stopPx());
        p = putDecimal(a, p, e.triggerPrice());
        p = putDecimal(a, p, e.displayQty());
        p = putDecimal(a, p, e.lastPx());
        p = putDecimal(a, p, e.lastQty());
        p = putDecimal(a, p, e.avgPx());
        p = putDecimal(a, p, e.cumQty());
        p = putDecimal(a, p, e.leavesQty());
        p = putDecimal(a, p, e.grossTradeAmt());
        p = putDecimal(a, p, e.netMoney());
        p = putVarLong(a, p, feeCount);
        for (int i = 0; i < feeCount; i++) {
            Fee f = fees.get(i);
            p = putDecimal(a, p, f.amount());
            p = out.putUtf8(a, p, f.currency());
            p = putBytes2(a, p, enumByte(f.type()), enumByte(f.basis()));
        }
        p = RecordWriter.putUtf8Unique(a, p, tradeId);
        p = putByte(a, p, enumByte(e.liquidity()));
        p = putLong(a, p, e.transactTime());
        p = putLong(a, p, e.expireTime());
        p = out.putUtf8(a, p, text);
        p = putInt(a, p, e.restatementReason());
        p = out.putUtf8(a, p, allocAccount);
        out.position(p);
    }

    private static void writeSessionEvent(RecordWriter out, SessionEvent event) {
        if (event instanceof SessionEvent.LoggingOn e) {
            out.writeByte(LOGGING_ON);
            out.writeUtf8(e.session());
        } else if (event instanceof SessionEvent.LoggedOn e) {
            out.writeByte(LOGGED_ON);
            out.writeUtf8(e.session());
            out.writeInt(e.heartbeatSeconds());
            out.writeBoolean(e.sequenceReset());
        } else if (event instanceof SessionEvent.LoggedOut e) {
            out.writeByte(LOGGED_OUT);
            out.writeUtf8(e.session());
            out.writeBoolean(e.byVenue());
            out.writeUtf8(e.reason());
        } else if (event instanceof SessionEvent.Disconnected e) {
            out.writeByte(DISCONNECTED);
            out.writeUtf8(e.session());
            out.writeUtf8(e.reason());
        } else if (event instanceof SessionEvent.Rollover e) {
            out.writeByte(ROLLOVER);
            out.writeUtf8(e.session());
            out.writeInt(e.newSessionDay());
        } else if (event instanceof SessionEvent.SequenceGap e) {
            out.writeByte(SEQUENCE_GAP);
            out.writeUtf8(e.session());
            out.writeLong(e.expected());
            out.writeLong(e.received());
        } else if (event instanceof SessionEvent.ResendRequested e) {
            out.writeByte(RESEND_REQUESTED);
            out.writeUtf8(e.session());
            out.writeLong(e.beginSeqNo());
            out.writeLong(e.endSeqNo());
            out.writeBoolean(e.byVenue());
        } else if (event instanceof SessionEvent.SequenceReset e) {
            out.writeByte(SEQUENCE_RESET);
            out.writeUtf8(e.session());
            out.writeLong(e.newSeqNo());
            out.writeBoolean(e.gapFill());
        } else {
            throw new IllegalArgumentException("no record format for " + event.getClass().getName());
        }
    }

    private static void writeCommand(RecordWriter out, RecordType type, Command command) {
        switch (type) {
            case NEW_ORDER -> {
                NewOrder c = (NewOrder) command;
                out.writeUtf8(c.clOrdId());
                out.writeUtf8(c.symbol());
                writeEnum(out, c.side());
                writeEnum(out, c.ordType());
                writeDecimal(out, c.orderQty());
                writeDecimal(out, c.price());
                writeDecimal(out, c.stopPx());
                writeEnum(out, c.timeInForce());
                out.writeLong(c.expireTime());
                out.writeLong(c.effectiveTime());
                out.writeLong(c.validUntilTime());
                writeInstructions(out, c.execInstructions());
                writeDecimal(out, c.displayQty());
                writeEnum(out, c.triggerReference());
                writeEnum(out, c.selfTradePrevention());
                out.writeBoolean(c.margin());
                out.writeUtf8(c.allocAccount());
                out.writeLong(c.transactTime());
            }
            case CANCEL_ORDER -> {
                CancelOrder c = (CancelOrder) command;
                out.writeUtf8(c.clOrdId());
                out.writeUtf8(c.origClOrdId());
                out.writeUtf8(c.orderId());
                out.writeUtf8(c.symbol());
                writeEnum(out, c.side());
                out.writeLong(c.transactTime());
            }
            case AMEND_ORDER -> {
                AmendOrder c = (AmendOrder) command;
                out.writeUtf8(c.clOrdId());
                out.writeUtf8(c.origClOrdId());
                out.writeUtf8(c.orderId());
                out.writeUtf8(c.symbol());
                writeEnum(out, c.side());
                writeDecimal(out, c.orderQty());
                writeDecimal(out, c.displayQty());
                writeEnum(out, c.ordType());
                writeEnum(out, c.timeInForce());
                writeDecimal(out, c.price());
                writeDecimal(out, c.stopPx());
                out.writeBoolean(c.postOnly());
                out.writeLong(c.validUntilTime());
                out.writeLong(c.transactTime());
            }
            case MASS_CANCEL -> {
                MassCancel c = (MassCancel) command;
                out.writeUtf8(c.clOrdId());
                writeEnum(out, c.scope());
                out.writeUtf8(c.symbol());
                out.writeLong(c.transactTime());
            }
            case STATUS_REQUEST -> {
                OrderStatusRequest c = (OrderStatusRequest) command;
                out.writeUtf8(c.clOrdId());
                out.writeUtf8(c.orderId());
                out.writeUtf8(c.symbol());
                writeEnum(out, c.side());
            }
            case MARKET_DATA_REQUEST -> {
                MarketDataRequest c = (MarketDataRequest) command;
                out.writeUtf8(c.mdReqId());
                writeEnum(out, c.subscriptionType());
                out.writeInt(c.depth());
                writeBoolean(out, c.incrementalOnly());
                writeBoolean(out, c.aggregated());
                int bits = 0;
                for (MdEntryType t : MD_ENTRY_TYPES) {
                    if (c.entryTypes().contains(t)) {
                        bits |= 1 << t.ordinal();
                    }
                }
                out.writeVarLong(bits);
                List<String> symbols = c.symbols();
                out.writeVarLong(symbols.size());
                for (int i = 0; i < symbols.size(); i++) {
                    out.writeUtf8(symbols.get(i));
                }
            }
            case INSTRUMENT_LIST_REQUEST -> {
                InstrumentListRequest c = (InstrumentListRequest) command;
                out.writeUtf8(c.requestId());
                writeEnum(out, c.type());
                writeEnum(out, c.subscriptionType());
                out.writeUtf8(c.symbol());
                writeEnum(out, c.securityType());
            }
            case TRADING_SESSION_STATUS_REQUEST -> {
                TradingSessionStatusRequest c = (TradingSessionStatusRequest) command;
                out.writeUtf8(c.requestId());
                out.writeUtf8(c.tradingSessionId());
                writeEnum(out, c.subscriptionType());
            }
            default -> throw new IllegalArgumentException(type + " is not a command");
        }
    }

    /** Bytes of one market-data entry besides its id, at most: two codes, two decimals, three times, two codes. */
    private static final int ENTRY_FIXED = 2 + 2 * DECIMAL_BOUND + 24 + 2;

    /** The entries of an increment or snapshot: room for all of them reserved at once, as for the fill. */
    private static void writeEntries(RecordWriter out, List<MdEntry> entries) {
        int count = entries.size();
        int bound = 5; // the count's varint
        for (int i = 0; i < count; i++) {
            bound += ENTRY_FIXED + utf8Bound(entries.get(i).entryId());
        }
        byte[] a = out.reserve(bound);
        int p = putVarLong(a, out.position(), count);
        for (int i = 0; i < count; i++) {
            MdEntry m = entries.get(i);
            p = putBytes2(a, p, enumByte(m.action()), enumByte(m.type()));
            p = out.putUtf8(a, p, m.entryId());
            p = putDecimal(a, p, m.price());
            p = putDecimal(a, p, m.size());
            p = putLong(a, p, m.entryTime());
            p = putLong(a, p, m.timestamp());
            p = putLong(a, p, m.queueTime());
            p = putBytes2(a, p, enumByte(m.takerOrdType()), enumByte(m.aggressorSide()));
        }
        out.position(p);
    }

    private static void writeInstrument(RecordWriter out, Instrument i) {
        out.writeUtf8(i.symbol());
        writeDecimal(out, i.minTradeVol());
        out.writeInt(i.qtyPrecision());
        writeDecimal(out, i.qtyMin());
        writeDecimal(out, i.qtyMax());
        writeDecimal(out, i.minCost());
        out.writeInt(i.pricePrecision());
        out.writeInt(i.mdPricePrecision());
        writeDecimal(out, i.tickSize());
        writeEnum(out, i.status());
    }

    private static void writeInstructions(RecordWriter out, ExecInstructions instructions) {
        int bits = 0;
        for (ExecInstruction i : EXEC_INSTRUCTIONS) {
            if (instructions.contains(i)) {
                bits |= 1 << i.ordinal();
            }
        }
        out.writeVarLong(bits);
    }

    /** {@link #writeDecimal} at p of reserved room. */
    private static int putDecimal(byte[] a, int p, Decimal d) {
        return d == null ? putByte(a, p, (byte) -1) : putByteAndSignedVarLong(a, p, (byte) d.scale(), d.unscaled());
    }

    private static void writeDecimal(RecordWriter out, Decimal d) {
        out.position(putDecimal(out.reserve(DECIMAL_BOUND), out.position(), d));
    }

    private static void writeEnum(RecordWriter out, Enum<?> e) {
        out.writeByte(enumByte(e));
    }

    private static byte enumByte(Enum<?> e) {
        return e == null ? 0 : (byte) (e.ordinal() + 1);
    }

    private static void writeBoolean(RecordWriter out, Boolean b) {
        out.writeByte(b == null ? 0 : b ? (byte) 2 : (byte) 1);
    }

    // ------------------------------------------------------------------ reading

    /** The header of a record, read without its body so that filters can skip bodies. */
    public static final class Header {
        public RecordType type;
        public Journal.Direction direction;
        public long timeNanos;
        public int sessionDay;
        public long seqNum;
        public String session;
        private Utf8Cache strings;

        /** A header that decodes the session name afresh for every record. */
        public Header() {
        }

        /** A header that reuses the strings of {@code strings} for session names seen before. */
        public Header(Utf8Cache strings) {
            this.strings = strings;
        }

        /** Reads the header; false when the record is not one this version reads (other version, type). */
        public boolean read(RecordSource in) {
            if (in.readRemaining() < FIXED_HEADER + 1) {
                return false;
            }
            // The fixed part is there (checked above): one bounds check for all six fields.
            // References are stored only when they change: in a replay they rarely do, and a reference store
            // costs a GC write barrier (a fence when the header and the value live in different old regions).
            byte version = in.rawByte();
            RecordType t = RecordType.ofCode(in.rawByte());
            if (t != type) {
                type = t;
            }
            byte dir = in.rawByte();
            timeNanos = in.rawLong();
            sessionDay = in.rawInt();
            seqNum = in.rawLong();
            if (version != VERSION || t == null || (dir != IN && dir != OUT)) {
                return false;
            }
            Journal.Direction d = dir == IN ? Journal.Direction.IN : Journal.Direction.OUT;
            if (d != direction) {
                direction = d;
            }
            String s = strings == null ? in.readUtf8() : in.readUtf8(strings);
            if (s != session) {
                session = s;
            }
            return s != null;
        }
    }

    /** Reads a whole record. */
    public static JournalRecord read(RecordSource in) {
        Header h = new Header();
        if (!h.read(in)) {
            throw new IllegalArgumentException("not a version " + VERSION + " journal record");
        }
        return readBody(in, h);
    }

    /** Reads the body after {@link Header#read}. */
    public static JournalRecord readBody(RecordSource in, Header h) {
        Object payload;
        if (h.type.isEvent()) {
            payload = readEvent(in, h.type, new Stamp(h.timeNanos, h.sessionDay, h.seqNum));
        } else {
            payload = readCommand(in, h.type);
        }
        return new JournalRecord(h.direction, h.session, h.timeNanos, h.sessionDay, h.seqNum, h.type, payload);
    }

    private static Event readEvent(RecordSource in, RecordType type, Stamp stamp) {
        return switch (type) {
            case MARKET_DATA_INCREMENTAL -> new MarketDataIncrement(stamp, in.readUtf8(), in.readUtf8(),
                    readEntries(in), in.readLong());
            case MARKET_DATA_SNAPSHOT -> new MarketDataSnapshot(stamp, in.readUtf8(), in.readUtf8(), readEntries(in));
            case MARKET_DATA_REJECT -> new MarketDataReject(stamp, in.readUtf8(), readEnum(in, MD_REJECT_REASONS),
                    in.readUtf8());
            case EXECUTION_REPORT -> readExecutionReport(in, stamp);
            case ORDER_CANCEL_REJECT -> new OrderCancelReject(stamp, in.readUtf8(), in.readUtf8(), in.readUtf8(),
                    readEnum(in, ORD_STATUSES), in.readBoolean(), in.readInt(), in.readUtf8());
            case BUSINESS_REJECT -> new BusinessReject(stamp, in.readLong(), readEnum(in, MESSAGE_KINDS),
                    in.readUtf8(), readEnum(in, BUSINESS_REJECT_REASONS), in.readUtf8());
            case SESSION_REJECT -> new SessionReject(stamp, in.readLong(), in.readInt(), readEnum(in, MESSAGE_KINDS),
                    readEnum(in, SESSION_REJECT_REASONS), in.readUtf8());
            case INSTRUMENT_LIST -> {
                String requestId = in.readUtf8();
                String responseId = in.readUtf8();
                InstrumentListResult result = readEnum(in, LIST_RESULTS);
                String text = in.readUtf8();
                int n = count(in);
                List<Instrument> instruments = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    instruments.add(readInstrument(in));
                }
                yield new InstrumentList(stamp, requestId, responseId, result, text, instruments, in.readInt(),
                        readBoolean(in));
            }
            case TRADING_SESSION_STATUS -> new TradingSessionStatus(stamp, in.readUtf8(), in.readUtf8(),
                    readEnum(in, TRADING_STATUSES), readEnum(in, TSS_REJECT_REASONS), in.readUtf8());
            case SESSION_EVENT -> readSessionEvent(in, stamp);
            default -> throw new IllegalArgumentException(type + " is not an event");
        };
    }

    private static ExecutionReport readExecutionReport(RecordSource in, Stamp stamp) {
        String clOrdId = in.readUtf8();
        String origClOrdId = in.readUtf8();
        String orderId = in.readUtf8();
        String execId = in.readUtf8();
        String secondaryExecId = in.readUtf8();
        ExecType execType = readEnum(in, EXEC_TYPES);
        OrdStatus ordStatus = readEnum(in, ORD_STATUSES);
        String symbol = in.readUtf8();
        Side side = readEnum(in, SIDES);
        OrdType ordType = readEnum(in, ORD_TYPES);
        TimeInForce tif = readEnum(in, TIFS);
        Decimal orderQty = readDecimal(in);
        Decimal price = readDecimal(in);
        Decimal stopPx = readDecimal(in);
        Decimal triggerPrice = readDecimal(in);
        Decimal displayQty = readDecimal(in);
        Decimal lastPx = readDecimal(in);
        Decimal lastQty = readDecimal(in);
        Decimal avgPx = readDecimal(in);
        Decimal cumQty = readDecimal(in);
        Decimal leavesQty = readDecimal(in);
        Decimal grossTradeAmt = readDecimal(in);
        Decimal netMoney = readDecimal(in);
        int n = count(in);
        List<Fee> fees = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fees.add(new Fee(readDecimal(in), in.readUtf8(), readEnum(in, FEE_TYPES), readEnum(in, FEE_BASES)));
        }
        String tradeId = in.readUtf8();
        Liquidity liquidity = readEnum(in, LIQUIDITIES);
        long transactTime = in.readLong();
        long expireTime = in.readLong();
        String text = in.readUtf8();
        int restatementReason = in.readInt();
        String allocAccount = in.readUtf8();
        return new ExecutionReport(stamp, clOrdId, origClOrdId, orderId, execId, secondaryExecId, execType,
                ordStatus, symbol, side, ordType, tif, orderQty, price, stopPx, triggerPrice, displayQty, lastPx,
                lastQty, avgPx, cumQty, leavesQty, grossTradeAmt, netMoney, fees, tradeId, liquidity, transactTime,
                expireTime, text, restatementReason, allocAccount);
    }

    private static SessionEvent readSessionEvent(RecordSource in, Stamp stamp) {
        byte kind = in.readByte();
        String session = in.readUtf8();
        return switch (kind) {
            case LOGGING_ON -> new SessionEvent.LoggingOn(stamp, session);
            case LOGGED_ON -> new SessionEvent.LoggedOn(stamp, session, in.readInt(), in.readBoolean());
            case LOGGED_OUT -> new SessionEvent.LoggedOut(stamp, session, in.readBoolean(), in.readUtf8());
            case DISCONNECTED -> new SessionEvent.Disconnected(stamp, session, in.readUtf8());
            case ROLLOVER -> new SessionEvent.Rollover(stamp, session, in.readInt());
            case SEQUENCE_GAP -> new SessionEvent.SequenceGap(stamp, session, in.readLong(), in.readLong());
            case RESEND_REQUESTED -> new SessionEvent.ResendRequested(stamp, session, in.readLong(), in.readLong(),
                    in.readBoolean());
            case SEQUENCE_RESET -> new SessionEvent.SequenceReset(stamp, session, in.readLong(), in.readBoolean());
            default -> throw new IllegalArgumentException("unknown session event kind " + kind);
        };
    }

    private static Command readCommand(RecordSource in, RecordType type) {
        return switch (type) {
            case NEW_ORDER -> new NewOrder(in.readUtf8(), in.readUtf8(), readEnum(in, SIDES), readEnum(in, ORD_TYPES),
                    readDecimal(in), readDecimal(in), readDecimal(in), readEnum(in, TIFS), in.readLong(),
                    in.readLong(), in.readLong(), readInstructions(in), readDecimal(in),
                    readEnum(in, TRIGGER_REFERENCES), readEnum(in, STPS), in.readBoolean(), in.readUtf8(),
                    in.readLong());
            case CANCEL_ORDER -> new CancelOrder(in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(),
                    readEnum(in, SIDES), in.readLong());
            case AMEND_ORDER -> new AmendOrder(in.readUtf8(), in.readUtf8(), in.readUtf8(), in.readUtf8(),
                    readEnum(in, SIDES), readDecimal(in), readDecimal(in), readEnum(in, ORD_TYPES),
                    readEnum(in, TIFS), readDecimal(in), readDecimal(in), in.readBoolean(), in.readLong(),
                    in.readLong());
            case MASS_CANCEL -> new MassCancel(in.readUtf8(), readEnum(in, MASS_CANCEL_SCOPES), in.readUtf8(),
                    in.readLong());
            case STATUS_REQUEST -> new OrderStatusRequest(in.readUtf8(), in.readUtf8(), in.readUtf8(),
                    readEnum(in, SIDES));
            case MARKET_DATA_REQUEST -> {
                String mdReqId = in.readUtf8();
                SubscriptionType subscriptionType = readEnum(in, SUBSCRIPTION_TYPES);
                int depth = in.readInt();
                Boolean incrementalOnly = readBoolean(in);
                Boolean aggregated = readBoolean(in);
                long bits = in.readVarLong();
                Set<MdEntryType> entryTypes = EnumSet.noneOf(MdEntryType.class);
                for (MdEntryType t : MD_ENTRY_TYPES) {
                    if ((bits & (1L << t.ordinal())) != 0) {
                        entryTypes.add(t);
                    }
                }
                int n = count(in);
                List<String> symbols = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    symbols.add(in.readUtf8());
                }
                yield new MarketDataRequest(mdReqId, subscriptionType, depth, incrementalOnly, aggregated, entryTypes,
                        symbols);
            }
            case INSTRUMENT_LIST_REQUEST -> new InstrumentListRequest(in.readUtf8(),
                    readEnum(in, LIST_REQUEST_TYPES), readEnum(in, SUBSCRIPTION_TYPES), in.readUtf8(),
                    readEnum(in, SECURITY_TYPES));
            case TRADING_SESSION_STATUS_REQUEST -> new TradingSessionStatusRequest(in.readUtf8(), in.readUtf8(),
                    readEnum(in, SUBSCRIPTION_TYPES));
            default -> throw new IllegalArgumentException(type + " is not a command");
        };
    }

    /**
     * Reads the body of a market-data snapshot or increment (after {@link Header#read}) into {@code frame}
     * without building model objects: the same fields {@link #readBody} reads, in the same order. The request id
     * and symbol come from the frame's own string caches (the same few per stream).
     */
    public static void readMarketData(RecordSource in, Header h, RecordFrame frame) {
        boolean snapshot = h.type == RecordType.MARKET_DATA_SNAPSHOT;
        if (!snapshot && h.type != RecordType.MARKET_DATA_INCREMENTAL) {
            throw new IllegalArgumentException(h.type + " is not market data");
        }
        String mdReqId = in.readUtf8(frame.mdReqIds);
        String symbol = in.readUtf8(frame.symbols);
        int n = count(in);
        frame.start(in, snapshot, h.timeNanos, n);
        // Stored only when changed (see Header.read): the same two strings in every record of a stream.
        if (frame.mdReqId != mdReqId) {
            frame.mdReqId = mdReqId;
        }
        if (frame.symbol != symbol) {
            frame.symbol = symbol;
        }
        for (int i = 0; i < n; i++) {
            int codes = in.readTwoBytes(); // action, type
            frame.actions[i] = checkedCode((byte) codes, MD_ACTIONS);
            byte type = checkedCode((byte) (codes >>> 8), MD_ENTRY_TYPES);
            if (type == 0) {
                throw new IllegalArgumentException("corrupt record: market-data entry without a type");
            }
            frame.types[i] = type;
            frame.entryIds[i] = in.skipUtf8();
            byte ps = in.readByte();
            frame.priceScales[i] = checkedScale(ps);
            frame.prices[i] = ps < 0 ? 0 : in.readSignedVarLong();
            byte ss = in.readByte();
            frame.sizeScales[i] = checkedScale(ss);
            frame.sizes[i] = ss < 0 ? 0 : in.readSignedVarLong();
            // entry time, timestamp, queue time (8 bytes each), taker order type, aggressor side: one bounds
            // check; only the queue time is decoded now (the frame reads the rest when asked).
            int tail = in.skip(26);
            frame.tails[i] = tail;
            frame.queueTimes[i] = in.longAt(tail + 16);
            int tailCodes = in.twoBytesAt(tail + 24); // taker order type, aggressor side
            checkedCode((byte) tailCodes, ORD_TYPES);
            checkedCode((byte) (tailCodes >>> 8), SIDES);
        }
        if (!snapshot) {
            long checksum = in.readLong();
            if (checksum < MarketDataIncrement.NO_CHECKSUM || checksum > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("checksum " + checksum + " is not an unsigned 32-bit value");
            }
            frame.checksum = checksum;
        }
    }

    /** An enum's code as written ({@link #readEnum}'s rules), checked against the enum. */
    private static byte checkedCode(byte code, Enum<?>[] values) {
        if ((code & 0xFF) > values.length) {
            throw new IllegalArgumentException("corrupt record: " + values[0].getDeclaringClass().getSimpleName()
                    + " code " + (code & 0xFF));
        }
        return code;
    }

    private static byte checkedScale(byte scale) {
        if (scale > Decimal.MAX_SCALE) {
            throw new IllegalArgumentException("corrupt record: decimal scale " + scale);
        }
        return scale < 0 ? -1 : scale;
    }

    private static List<MdEntry> readEntries(RecordSource in) {
        int n = count(in);
        List<MdEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new MdEntry(readEnum(in, MD_ACTIONS), readEnum(in, MD_ENTRY_TYPES), in.readUtf8(),
                    readDecimal(in), readDecimal(in), in.readLong(), in.readLong(), in.readLong(),
                    readEnum(in, ORD_TYPES), readEnum(in, SIDES)));
        }
        return entries;
    }

    private static Instrument readInstrument(RecordSource in) {
        return new Instrument(in.readUtf8(), readDecimal(in), in.readInt(), readDecimal(in), readDecimal(in),
                readDecimal(in), in.readInt(), in.readInt(), readDecimal(in), readEnum(in, INSTRUMENT_STATUSES));
    }

    private static ExecInstructions readInstructions(RecordSource in) {
        long bits = in.readVarLong();
        ExecInstructions result = ExecInstructions.NONE;
        for (ExecInstruction i : EXEC_INSTRUCTIONS) {
            if ((bits & (1L << i.ordinal())) != 0) {
                result = result.with(i);
            }
        }
        return result;
    }

    private static int count(RecordSource in) {
        long n = in.readVarLong();
        if (n < 0 || n > in.readRemaining()) {
            throw new IllegalArgumentException("corrupt record: list of " + n + " elements");
        }
        return (int) n;
    }

    private static Decimal readDecimal(RecordSource in) {
        byte scale = in.readByte();
        return scale < 0 ? null : Decimal.of(in.readSignedVarLong(), scale);
    }

    private static <E extends Enum<E>> E readEnum(RecordSource in, E[] values) {
        int code = in.readByte() & 0xFF;
        if (code == 0) {
            return null;
        }
        if (code > values.length) {
            throw new IllegalArgumentException("corrupt record: " + values[0].getDeclaringClass().getSimpleName()
                    + " code " + code);
        }
        return values[code - 1];
    }

    private static Boolean readBoolean(RecordSource in) {
        byte b = in.readByte();
        return b == 0 ? null : b == 2;
    }
}
