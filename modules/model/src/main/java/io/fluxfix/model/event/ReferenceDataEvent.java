package io.fluxfix.model.event;

/** Instrument definitions and trading-mode announcements. */
public sealed interface ReferenceDataEvent extends Event permits InstrumentList, TradingSessionStatus {
}
