package io.fluxfix.kraken;

import io.fluxfix.model.Market;

/**
 * Kraken's six FIX endpoints: the port (as an offset from the base, 4000 on Kraken) and the TargetCompID of
 * each, and what it carries.
 */
public enum KrakenEndpoint {
    SPOT_MARKET_DATA(0, Market.SPOT, false, false, "KRAKEN-MD"),
    SPOT_TRADING(1, Market.SPOT, true, false, "KRAKEN-TRD"),
    DERIVATIVES_MARKET_DATA(2, Market.DERIVATIVES, false, false, "KRAKEN-DRV-MD"),
    DERIVATIVES_TRADING(3, Market.DERIVATIVES, true, false, "KRAKEN-DRV-TRD"),
    DERIVATIVES_MARKET_DATA_L3(4, Market.DERIVATIVES, false, true, "KRAKEN-DRV-MD"),
    SPOT_MARKET_DATA_L3(5, Market.SPOT, false, true, "KRAKEN-MD");

    /** Kraken's port for offset 0. */
    public static final int KRAKEN_PORT_BASE = 4000;

    private final int portOffset;
    private final Market market;
    private final boolean trading;
    private final boolean level3;
    private final String targetCompId;

    KrakenEndpoint(int portOffset, Market market, boolean trading, boolean level3, String targetCompId) {
        this.portOffset = portOffset;
        this.market = market;
        this.trading = trading;
        this.level3 = level3;
        this.targetCompId = targetCompId;
    }

    public int port(int base) {
        return base + portOffset;
    }

    public int portOffset() {
        return portOffset;
    }

    public Market market() {
        return market;
    }

    /** Trading sessions authenticate (553/554/5025); market-data sessions log on with the CompID only. */
    public boolean isTrading() {
        return trading;
    }

    public boolean isLevel3() {
        return level3;
    }

    /** Kraken's CompID on this endpoint. */
    public String targetCompId() {
        return targetCompId;
    }

    /** The endpoint listening on {@code port} for a venue with port base {@code base}, or null. */
    public static KrakenEndpoint ofPort(int base, int port) {
        for (KrakenEndpoint e : values()) {
            if (e.port(base) == port) {
                return e;
            }
        }
        return null;
    }
}
