package io.fluxfix.venue.fix;

import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.kraken.KrakenTags;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.persist.InputJournal;
import quickfix.Message;
import quickfix.SessionID;

import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;

/**
 * The trading gateway without sockets or QuickFIX/J sessions, for tests on the venue clock: engines and a gateway
 * built from a config, and application messages framed as a client session would send them.
 */
final class GatewayHarness {

    static final long NOW = 1_775_572_325_000_000_000L;

    private final KrakenEncoder encoder = new KrakenEncoder();
    private int seq = 1;

    static Map<Market, MatchingEngine> engines(VenueConfig config) {
        Map<Market, MatchingEngine> m = new EnumMap<>(Market.class);
        for (Market market : Market.values()) {
            m.put(market, new MatchingEngine(market, config, TradingDay.KRAKEN));
        }
        return m;
    }

    /** A gateway whose logon clock reads {@link #NOW}; {@code journal} may be null. */
    static TradingGateway gateway(VenueConfig config, Map<Market, MatchingEngine> engines, InputJournal journal) {
        InstantSource clock = () -> Instant.EPOCH.plusNanos(NOW);
        return new TradingGateway(config, engines, journal, clock, TradingDay.KRAKEN, GatewayMetrics.NONE);
    }

    /** {@code c} as the client of {@code from} (the venue-side SessionID) sends it, with the next sequence number. */
    Message message(SessionID from, Command c) {
        Message m = encoder.encode(c);
        m.getHeader().setString(KrakenTags.BEGIN_STRING, "FIX.4.4");
        m.getHeader().setString(KrakenTags.SENDER_COMP_ID, from.getTargetCompID());
        m.getHeader().setString(KrakenTags.TARGET_COMP_ID, from.getSenderCompID());
        m.getHeader().setString(KrakenTags.MSG_SEQ_NUM, Integer.toString(++seq));
        m.getHeader().setString(KrakenTags.SENDING_TIME, "20260407-14:32:05.000");
        return m;
    }

    static NewOrder limit(String clOrdId, Side side, String qty, String price) {
        return limit(clOrdId, "BTC/USD", side, qty, price);
    }

    static NewOrder limit(String clOrdId, String symbol, Side side, String qty, String price) {
        return NewOrder.limit(clOrdId, symbol, side, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, NOW);
    }

    static String type(Message m) {
        return m.getHeader().getOptionalString(KrakenTags.MSG_TYPE).orElse("?");
    }
}
