package io.fluxfix.model.command;

/**
 * Every request FluxFix can send to a venue (and the local venue can receive). Commands are immutable;
 * times in them are epoch nanoseconds so that encoding is deterministic.
 */
public sealed interface Command permits OrderCommand, MarketDataRequest, InstrumentListRequest,
        TradingSessionStatusRequest {
}
