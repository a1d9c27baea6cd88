package io.fluxfix.venue.engine;

import io.fluxfix.model.Market;
import io.fluxfix.model.event.BusinessRejectReason;

/**
 * Why the engine refuses a request, with Kraken's texts: the Spot engine's {@code E<Category>:<text>} strings
 * (Kraken's error page) and, for Derivatives, the Futures API's status names (the only Derivatives FIX text
 * Kraken shows, {@code IOC_WOULD_ENTER_BOOK}, is one of them in upper snake case).
 */
public enum EngineError {
    UNKNOWN_INSTRUMENT(BusinessRejectReason.UNKNOWN_SECURITY, "EQuery:Unknown asset pair", "invalidSymbol"),
    UNKNOWN_ORDER(BusinessRejectReason.UNKNOWN_ORDER, "EOrder:Unknown order", "notFound"),
    INSUFFICIENT_FUNDS(BusinessRejectReason.OTHER, "EOrder:Insufficient funds", "insufficientAvailableFunds"),
    ORDER_MINIMUM(BusinessRejectReason.OTHER, "EOrder:Order minimum not met", "invalidSize"),
    COST_MINIMUM(BusinessRejectReason.OTHER, "EOrder:Cost minimum not met", "invalidSize"),
    INVALID_VOLUME(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:volume", "invalidSize"),
    TICK_SIZE(BusinessRejectReason.OTHER, "EOrder:Tick size check failed", "invalidPrice"),
    INVALID_PRICE(BusinessRejectReason.OTHER, "EOrder:Invalid price", "invalidPrice"),
    UNSUPPORTED_ORDER_TYPE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:ordertype", "invalidOrderType"),
    /** FOK and GTD: the venue's next part (issue 4) gives them Kraken's semantics; until then they are refused. */
    UNSUPPORTED_TIME_IN_FORCE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:timeinforce", "invalidOrderType"),
    /** Iceberg, EffectiveTime, reduce-only and viqc: refused until the venue's next part (issue 4). */
    UNSUPPORTED_INSTRUCTION(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:oflags", "invalidOrderType"),
    /** 62 ValidUntilTime has passed when the order reaches the engine (REST/WS analogue, [INF]). */
    DEADLINE_ELAPSED(BusinessRejectReason.OTHER, "EService:Deadline elapsed", "deadlineElapsed"),
    /** 35=q found nothing open, when dialect.mass-cancel.none-open asks for a 35=j. */
    NO_ORDERS_TO_CANCEL(BusinessRejectReason.OTHER, "EOrder:Unknown order", "noOrdersToCancel"),
    AMEND_CHANGES_TYPE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:ordertype", "invalidOrderType"),
    AMEND_CHANGES_TIME_IN_FORCE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:timeinforce", "invalidOrderType"),
    MARKET_CANCEL_ONLY(BusinessRejectReason.OTHER, "EService:Market in cancel_only mode", "marketSuspended"),
    MARKET_POST_ONLY(BusinessRejectReason.OTHER, "EService:Market in post_only mode", "postWouldExecute"),
    MARKET_LIMIT_ONLY(BusinessRejectReason.OTHER, "EService:Market in limit_only mode", "invalidOrderType"),
    MARKET_UNAVAILABLE(BusinessRejectReason.OTHER, "EService:Unavailable", "marketSuspended"),
    IOC_WOULD_ENTER_BOOK(BusinessRejectReason.OTHER, "EOrder:Invalid order", "iocWouldEnterBook"),
    POSITION_TOO_LARGE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:volume", "maxPositionViolation");

    private final BusinessRejectReason reason;
    private final String spotText;
    private final String derivativesName;

    EngineError(BusinessRejectReason reason, String spotText, String derivativesName) {
        this.reason = reason;
        this.spotText = spotText;
        this.derivativesName = derivativesName;
    }

    public BusinessRejectReason reason() {
        return reason;
    }

    /**
     * @param upperSnake Derivatives spelling: {@code INSUFFICIENT_AVAILABLE_FUNDS} (true) or
     *                   {@code insufficientAvailableFunds} (false) — {@code dialect.derivatives.reject-text}
     */
    public String text(Market market, boolean upperSnake) {
        if (market == Market.SPOT) {
            return spotText;
        }
        return upperSnake ? derivativesName.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)
                : derivativesName;
    }
}
