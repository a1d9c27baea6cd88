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
    /** 18 ExecInst flags that do not go together with the order: post-only on a market order, viqc on a trigger order. */
    INVALID_ORDER_FLAGS(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:oflags", "invalidArgument"),
    /** 1138 on a non-limit order, above the quantity, or below 1/15 of it. */
    INVALID_DISPLAY_QTY(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:displayvol", "invalidSize"),
    /** 126 ExpireTime not in the future, more than a month ahead, or before 168 EffectiveTime. */
    INVALID_EXPIRE_TIME(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:expiretm", "invalidArgument"),
    /** 62 ValidUntilTime not 2–60 s after 60 TransactTime. */
    INVALID_DEADLINE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:deadline", "invalidArgument"),
    /** A post-only order that would take liquidity (Kraken's cancel reason "Post only order"; Futures postWouldExecute). */
    POST_ONLY_WOULD_TAKE(BusinessRejectReason.OTHER, "EOrder:Post only order", "postWouldExecute"),
    /** Spot reduce-only without 5001 margin (G-ERR). */
    REDUCE_ONLY_NOT_MARGIN(BusinessRejectReason.OTHER, "EOrder:Reduce only:Non-PC", "wouldNotReducePosition"),
    /** Reduce-only with no position it could reduce (G-ERR; Futures wouldNotReducePosition). */
    REDUCE_ONLY_NO_POSITION(BusinessRejectReason.OTHER, "EOrder:Reduce only:No position exists", "wouldNotReducePosition"),
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
    POSITION_TOO_LARGE(BusinessRejectReason.OTHER, "EGeneral:Invalid arguments:volume", "maxPositionViolation"),
    /** Spot: the account's rate counter for the pair would pass its threshold (G-RL); Derivatives: the CompID's bucket is empty (Futures REST apiLimitExceeded, [INF]). */
    RATE_LIMIT(BusinessRejectReason.OTHER, "EOrder:Rate limit exceeded", "apiLimitExceeded"),
    /** Spot: the pooled counter of a master account's domain would pass its threshold (G-SUB, G-ERR). */
    DOMAIN_RATE_LIMIT(BusinessRejectReason.OTHER, "EOrder:Domain rate limit exceeded", "apiLimitExceeded"),
    /** Spot: the account already has its tier's maximum of open orders on the pair (G-RL). */
    ORDERS_LIMIT(BusinessRejectReason.OTHER, "EOrder:Orders limit exceeded", "maxOrdersExceeded");

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
