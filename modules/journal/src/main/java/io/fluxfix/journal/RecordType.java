package io.fluxfix.journal;

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
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataReject;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.OrderCancelReject;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.model.event.TradingSessionStatus;

/**
 * The kind of a journal record. {@link #wireName()} is the fixed vocabulary of the CLI and its JSON (never
 * renamed); {@link #code()} is the byte written in each record (never reused). Both outlive any rename of a
 * model class.
 */
public enum RecordType {
    MARKET_DATA_SNAPSHOT("MarketDataSnapshot", 1, true),
    MARKET_DATA_INCREMENTAL("MarketDataIncremental", 2, true),
    MARKET_DATA_REJECT("MarketDataReject", 3, true),
    INSTRUMENT_LIST("InstrumentList", 4, true),
    TRADING_SESSION_STATUS("TradingSessionStatus", 5, true),
    EXECUTION_REPORT("ExecutionReport", 6, true),
    ORDER_CANCEL_REJECT("OrderCancelReject", 7, true),
    BUSINESS_REJECT("BusinessReject", 8, true),
    SESSION_REJECT("SessionReject", 9, true),
    SESSION_EVENT("SessionEvent", 10, true),
    NEW_ORDER("NewOrder", 32, false),
    CANCEL_ORDER("CancelOrder", 33, false),
    AMEND_ORDER("AmendOrder", 34, false),
    MASS_CANCEL("MassCancel", 35, false),
    STATUS_REQUEST("StatusRequest", 36, false),
    MARKET_DATA_REQUEST("MarketDataRequest", 37, false),
    INSTRUMENT_LIST_REQUEST("InstrumentListRequest", 38, false),
    TRADING_SESSION_STATUS_REQUEST("TradingSessionStatusRequest", 39, false);

    private static final RecordType[] BY_CODE = new RecordType[64];

    static {
        for (RecordType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final String wireName;
    private final byte code;
    private final boolean event;

    RecordType(String wireName, int code, boolean event) {
        this.wireName = wireName;
        this.code = (byte) code;
        this.event = event;
    }

    /** The name in the CLI and JSON, e.g. {@code ExecutionReport}. */
    public String wireName() {
        return wireName;
    }

    /** The byte that identifies this type in a record. */
    public byte code() {
        return code;
    }

    /** True for events (what a venue sends), false for commands (what FluxFix sends). */
    public boolean isEvent() {
        return event;
    }

    /** The type with this code, or null for a code this version does not know. */
    public static RecordType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /** The type with this {@link #wireName()}, case-insensitively. */
    public static RecordType ofWireName(String name) {
        for (RecordType t : values()) {
            if (t.wireName.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown record type '" + name + "'");
    }

    /** The record type of an event. */
    public static RecordType of(Event event) {
        if (event instanceof MarketDataIncrement) {
            return MARKET_DATA_INCREMENTAL;
        } else if (event instanceof ExecutionReport) {
            return EXECUTION_REPORT;
        } else if (event instanceof MarketDataSnapshot) {
            return MARKET_DATA_SNAPSHOT;
        } else if (event instanceof MarketDataReject) {
            return MARKET_DATA_REJECT;
        } else if (event instanceof InstrumentList) {
            return INSTRUMENT_LIST;
        } else if (event instanceof TradingSessionStatus) {
            return TRADING_SESSION_STATUS;
        } else if (event instanceof OrderCancelReject) {
            return ORDER_CANCEL_REJECT;
        } else if (event instanceof BusinessReject) {
            return BUSINESS_REJECT;
        } else if (event instanceof SessionReject) {
            return SESSION_REJECT;
        } else if (event instanceof SessionEvent) {
            return SESSION_EVENT;
        }
        throw new IllegalArgumentException("no record type for " + event.getClass().getName());
    }

    /** The record type of a command. */
    public static RecordType of(Command command) {
        if (command instanceof NewOrder) {
            return NEW_ORDER;
        } else if (command instanceof CancelOrder) {
            return CANCEL_ORDER;
        } else if (command instanceof AmendOrder) {
            return AMEND_ORDER;
        } else if (command instanceof MassCancel) {
            return MASS_CANCEL;
        } else if (command instanceof OrderStatusRequest) {
            return STATUS_REQUEST;
        } else if (command instanceof MarketDataRequest) {
            return MARKET_DATA_REQUEST;
        } else if (command instanceof InstrumentListRequest) {
            return INSTRUMENT_LIST_REQUEST;
        } else if (command instanceof TradingSessionStatusRequest) {
            return TRADING_SESSION_STATUS_REQUEST;
        }
        throw new IllegalArgumentException("no record type for " + command.getClass().getName());
    }
}
