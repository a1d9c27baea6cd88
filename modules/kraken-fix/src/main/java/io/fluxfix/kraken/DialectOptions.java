package io.fluxfix.kraken;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.kraken.ClOrdIdRules;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Every behaviour of Kraken's FIX dialect that Kraken's documentation leaves open: points it infers, points
 * where its pages disagree, and points it does not document but where a client or a venue must still do
 * something. Each is a switch declared here once, with FluxFix's choice as its default; the venue simulator
 * and the client read the same {@link DialectOptions}. {@code docs/kraken-dialect.md} explains every switch
 * (what Kraken's pages say, the choice and why), and a test keeps that document and {@link #KEYS} in step.
 *
 * <p>Keys are written in a configuration file under {@code dialect:}, e.g. {@code dialect.bmr.ref-seq-num}.
 * Documented Kraken facts have no switch here.
 */
public final class DialectOptions {

    /** The first word of every key declared here. */
    public static final String PREFIX = "dialect";

    // ---- the named behaviours a switch chooses between --------------------------------------------------

    /** The lowest TLS version offered (client) and accepted (venue). */
    public enum TlsVersion {
        TLS_1_2,
        TLS_1_3;

        /** The JSSE protocol name, e.g. {@code TLSv1.2}. */
        public String protocolName() {
            return this == TLS_1_2 ? "TLSv1.2" : "TLSv1.3";
        }
    }

    /** Which of Kraken's two published host name families the client connects to. */
    public enum HostKind {
        /** {@code fix.kraken.com} / {@code fix.uat.kraken.com} (guide's "Connectivity" section). */
        GENERIC,
        /** {@code colo-london.vip-fix.kraken.com} / {@code colo-london.vip-fix.uat.kraken.com} (API reference). */
        COLO
    }

    /** The TargetCompID that goes into the signed logon input of a Derivatives trading session. */
    public enum SignatureTarget {
        /** The session's own TargetCompID, {@code KRAKEN-DRV-TRD}. */
        SESSION_TARGET,
        /** Always {@code KRAKEN-TRD}, as every published code sample hard-codes it. */
        KRAKEN_TRD
    }

    /** What the venue does with a logon it refuses. */
    public enum LogonFailureReply {
        /** Logout (35=5) with the reason in 58, then close. */
        LOGOUT_WITH_TEXT,
        /** Close the connection without a word. */
        CLOSE
    }

    /** What happens to the ExecutionReports of orders that cancel-on-disconnect cancelled. */
    public enum CodReports {
        /** Stored in the session's outbound sequence, so a re-logon without reset receives them by resend. */
        RESEND_ON_RECONNECT,
        /** Never sent on FIX; the client learns of the cancels by asking. */
        NOT_SENT
    }

    /** What the daily rollover does to a session that is logged on. */
    public enum RolloverMode {
        /** The venue logs the session out, refuses logons while the rollover lasts, then both sides start at 1. */
        LOGOUT,
        /** The session stays connected; the venue resets both sequences with an in-session Logon 141=Y. */
        RESET_IN_SESSION
    }

    /** Which stored application messages the venue sends again when asked to resend; the rest is gap-filled. */
    public enum ResendReplay {
        EXECUTION_REPORTS,
        ALL_APPLICATION
    }

    /** How a new order that fails after it passed the gateway is refused. */
    public enum NewOrderFailure {
        /** BusinessMessageReject 35=j 380=0, no order id. */
        BUSINESS_REJECT,
        /** Ack with ExecutionReport 150=0, then an unsolicited cancel 150=4 with the reason in 58. */
        UNSOLICITED_CANCEL
    }

    /** Which reject message carries a refusal. */
    public enum RejectMessage {
        /** Session-level Reject 35=3 (373=5, 371 = the tag at fault). */
        SESSION_REJECT,
        /** BusinessMessageReject 35=j (380=0). */
        BUSINESS_REJECT
    }

    /** What the venue puts into 45 RefSeqNum of a BusinessMessageReject. */
    public enum RefSeqNum {
        /** {@code 45=0}, as every published example shows. */
        ZERO,
        /** The MsgSeqNum of the rejected message, as the field text says. */
        REJECTED_MESSAGE
    }

    /** The form of 58 Text on a BusinessMessageReject. */
    public enum BmrText {
        /** {@code EOrder:Insufficient funds} (current pages). */
        BARE,
        /** {@code <ClOrdID> : EOrder:Insufficient funds} (older page generation). */
        CLORDID_PREFIXED
    }

    /** The spelling of Derivatives engine reject texts, which Kraken documents only by one example. */
    public enum DerivativesRejectText {
        /** {@code INSUFFICIENT_AVAILABLE_FUNDS}, like the documented {@code IOC_WOULD_ENTER_BOOK}. */
        UPPER_SNAKE,
        /** {@code insufficientAvailableFunds}, as Kraken's Futures REST statuses are spelt. */
        CAMEL_CASE
    }

    /** Whether a feature whose availability on Derivatives Kraken's pages dispute is offered there. */
    public enum Availability {
        UNSUPPORTED,
        SUPPORTED
    }

    /** What 6 AvgPx carries on Derivatives fills. */
    public enum FillAvgPx {
        /** The order's average fill price, as the field text says. */
        REPORTED,
        /** {@code 6=0}, with the price only in 31 LastPx (a third party's production observation). */
        ZERO
    }

    /** Which orders OrderMassCancelRequest (35=q) reaches. */
    public enum MassCancelReach {
        /** 530=1/6: this session's orders (1: one symbol); 530=7: every open order of the SenderCompID. */
        AS_REQUESTED,
        /** Every open order of the account whatever its origin (FIX, REST, WebSocket, UI); 530=1 keeps its symbol. */
        ACCOUNT
    }

    /** The venue's answer to a mass cancel that finds no open order. */
    public enum MassCancelNoneOpen {
        /** Nothing: the answer to 35=q is one ExecutionReport per cancelled order, here none. */
        NO_REPLY,
        /** BusinessMessageReject 35=j 380=0. */
        BUSINESS_REJECT
    }

    /** The venue's answer to an OrderStatusRequest (35=H) for an order it does not know. */
    public enum UnknownOrderStatusReply {
        /** BusinessMessageReject 35=j 380=101 {@code EOrder:Unknown order}. */
        BUSINESS_REJECT,
        /** ExecutionReport 150=I 39=8 with 58 = the reason (standard FIX 4.4). */
        REJECTED_REPORT
    }

    /** How Bitcoin is spelt in the Spot symbols the venue publishes. */
    public enum SpotBitcoin {
        /** {@code BTC/USD}. */
        BTC,
        /** {@code XBT/USD}. */
        XBT
    }

    /** What 44 Price means on a trailing-stop-limit order (40=V). */
    public enum TrailingStopLimitPrice {
        /** An offset from the trigger price, as on WebSocket v2 (0 = limit at the trigger price). */
        OFFSET,
        /** An absolute limit price. */
        ABSOLUTE
    }

    /** How the venue forms 17 ExecID. */
    public enum ExecIdScheme {
        /** 13 base32 characters of the ClOrdID's low 48 bits and a 16-bit per-order counter, then {@code :TRD001}. */
        CLORDID_DERIVED,
        /** {@code EXEC<n>:TRD001} from a per-session counter, as the Spot examples show. */
        SEQUENTIAL
    }

    /** How long ClOrdID uniqueness and the increasing high-water mark last. */
    public enum ClOrdIdScope {
        /** Per SenderCompID until the daily rollover or a Logon with 5030=Y; survives re-logons. */
        TRADING_DAY,
        /** Per connection: a new logon starts afresh. */
        CONNECTION
    }

    /** What an L3 book checksum (5041) is computed over. */
    public enum L3Checksum {
        /** Every order of the top 10 levels, in queue order, as Kraken's WebSocket L3 checksum does. */
        PER_ORDER,
        /** The top 10 levels aggregated by price, exactly as the L2 checksum. */
        PER_LEVEL
    }

    /** When the Spot rate counter refuses a transaction. */
    public enum RejectAt {
        /** When the counter plus the transaction's cost would reach the threshold ({@code >=}). */
        REACHED,
        /** When the counter plus the transaction's cost would exceed the threshold ({@code >}), as Kraken's SDK. */
        EXCEEDS
    }

    /** How the Spot rate counter decays. */
    public enum Decay {
        /** Continuously, {@code max(0, counter - rate * elapsed seconds)}, as Kraken's SDK models it. */
        CONTINUOUS,
        /** In whole-second steps ("decreased by a decay rate every second"). */
        PER_SECOND
    }

    /** What a FIX mass cancel costs on the Spot rate counter. */
    public enum MassCancelCost {
        /** +1 per pair with a cancelled order, like REST {@code cancel_all}. */
        PER_PAIR,
        /** Each cancelled order's own age-dependent cancel cost, on its pair. */
        PER_ORDER
    }

    /** Which messages the venue counts towards the error-rate disconnect. */
    public enum ErrorCount {
        /** Reject (35=3) and BusinessMessageReject (35=j). */
        REJECTS,
        /** Those, plus unsolicited cancels (ExecutionReport 150=4 the client did not ask for). */
        REJECTS_AND_UNSOLICITED_CANCELS
    }

    /** Whether the venue's "Unknown order" answer to an OrderStatusRequest (35=H) counts towards the error rate. */
    public enum UnknownOrderStatusCount {
        /** A client asking about an order is no error: the answer is not counted (a restart's reconciliation asks freely). */
        NOT_AN_ERROR,
        /** Counted like any other 35=j. */
        ERROR
    }

    // ---- transport -------------------------------------------------------------------------------------

    /** The lowest TLS version the client offers and the venue accepts. */
    public static final ConfigKey<TlsVersion> TLS_MIN_VERSION = ConfigKey.enumeration(
            "dialect.tls.min-version", TlsVersion.class, TlsVersion.TLS_1_3,
            "Lowest TLS version the client offers and the venue accepts (Kraken's pages say 1.3 and 1.2+).");

    /** Which published host names the client's endpoint settings use. */
    public static final ConfigKey<HostKind> HOST_KIND = ConfigKey.enumeration(
            "dialect.host.kind", HostKind.class, HostKind.GENERIC,
            "Host names the client connects to: generic fix[.uat].kraken.com or colo colo-london.vip-fix[.uat].kraken.com.");

    // ---- logon -----------------------------------------------------------------------------------------

    /** The TargetCompID signed into a Derivatives trading logon's password. */
    public static final ConfigKey<SignatureTarget> LOGON_DERIVATIVES_SIGNATURE_TARGET = ConfigKey.enumeration(
            "dialect.logon.derivatives-signature-target", SignatureTarget.class, SignatureTarget.SESSION_TARGET,
            "TargetCompID in the signed logon input of Derivatives trading sessions: the session's own (KRAKEN-DRV-TRD) or KRAKEN-TRD.");

    /** How the venue refuses a logon. */
    public static final ConfigKey<LogonFailureReply> LOGON_FAILURE_REPLY = ConfigKey.enumeration(
            "dialect.logon.failure-reply", LogonFailureReply.class, LogonFailureReply.LOGOUT_WITH_TEXT,
            "How the venue refuses a logon: Logout with the reason in 58, or a silent close.");

    // ---- cancel on disconnect --------------------------------------------------------------------------

    /** Whether Logon tag 8674 decides cancel-on-disconnect. */
    public static final ConfigKey<Boolean> COD_HONOUR_LOGON_TAG = ConfigKey.bool(
            "dialect.cod.honour-logon-tag", true,
            "Logon tag 8674 switches cancel-on-disconnect per session; false: the venue ignores 8674 and always cancels.");

    /** Whether a clean Logout exchange also triggers cancel-on-disconnect. */
    public static final ConfigKey<Boolean> COD_ON_CLEAN_LOGOUT = ConfigKey.bool(
            "dialect.cod.on-clean-logout", true,
            "Cancel-on-disconnect also cancels after a clean Logout exchange, not only after a lost connection.");

    /** What becomes of the ExecutionReports of cancel-on-disconnect cancels. */
    public static final ConfigKey<CodReports> COD_CANCEL_REPORTS = ConfigKey.enumeration(
            "dialect.cod.cancel-reports", CodReports.class, CodReports.RESEND_ON_RECONNECT,
            "ExecutionReports of cancel-on-disconnect cancels: sequenced for resend on the next logon, or not sent.");

    // ---- heartbeats ------------------------------------------------------------------------------------

    /** Inbound silence, beyond HeartBtInt, after which a side sends a TestRequest. */
    public static final ConfigKey<Integer> HEARTBEAT_TEST_REQUEST_GRACE_PERCENT = ConfigKey.integer(
            "dialect.heartbeat.test-request-grace-percent", 50, 0, 1000,
            "Send TestRequest after HeartBtInt x (1 + p/100) of inbound silence (QuickFIX/J TestRequestDelayMultiplier).");

    /** Inbound silence, beyond HeartBtInt, after which a side gives the connection up. */
    public static final ConfigKey<Integer> HEARTBEAT_TIMEOUT_GRACE_PERCENT = ConfigKey.integer(
            "dialect.heartbeat.timeout-grace-percent", 140, 1, 1000,
            "Disconnect after HeartBtInt x (1 + p/100) of inbound silence (QuickFIX/J HeartBeatTimeoutMultiplier); above the TestRequest grace.");

    // ---- rollover, resend, gap fill --------------------------------------------------------------------

    /** What the 22:00 UTC rollover does to a logged-on session. */
    public static final ConfigKey<RolloverMode> ROLLOVER_MODE = ConfigKey.enumeration(
            "dialect.rollover.mode", RolloverMode.class, RolloverMode.LOGOUT,
            "At the daily rollover the venue logs sessions out and both sides restart at 1, or resets in session with Logon 141=Y.");

    /** How long the venue refuses logons after the rollover starts. */
    public static final ConfigKey<Duration> ROLLOVER_DOWNTIME = ConfigKey.duration(
            "dialect.rollover.downtime", Duration.ofSeconds(30),
            "How long the daily rollover lasts; the venue refuses logons meanwhile (Kraken: about 30 s).");

    /** Whether the rollover's Logout cancels the sessions' orders like any other disconnect. */
    public static final ConfigKey<Boolean> ROLLOVER_CANCEL_ON_DISCONNECT = ConfigKey.bool(
            "dialect.rollover.cancel-on-disconnect", false,
            "The venue's rollover Logout triggers cancel-on-disconnect; false: orders survive the daily rollover.");

    /** Which stored messages the venue replays on a ResendRequest. */
    public static final ConfigKey<ResendReplay> RESEND_REPLAY = ConfigKey.enumeration(
            "dialect.resend.replay", ResendReplay.class, ResendReplay.EXECUTION_REPORTS,
            "Application messages the venue sends again on a ResendRequest; everything else is gap-filled.");

    /** Whether gap fills this side sends carry 43=Y and 122. */
    public static final ConfigKey<Boolean> GAP_FILL_POSS_DUP = ConfigKey.bool(
            "dialect.gap-fill.poss-dup", true,
            "SequenceReset-GapFill messages we send carry 43=Y and 122 (standard FIX); false: like Kraken's examples, without.");

    // ---- rejects ---------------------------------------------------------------------------------------

    /** How an order failing the venue's engine checks is refused. */
    public static final ConfigKey<NewOrderFailure> ENGINE_REJECT_FORM = ConfigKey.enumeration(
            "dialect.engine-reject.form", NewOrderFailure.class, NewOrderFailure.BUSINESS_REJECT,
            "New orders failing engine checks (funds, minimums, limits): 35=j, or ack then unsolicited cancel.");

    /** What 45 RefSeqNum carries on a BusinessMessageReject. */
    public static final ConfigKey<RefSeqNum> BMR_REF_SEQ_NUM = ConfigKey.enumeration(
            "dialect.bmr.ref-seq-num", RefSeqNum.class, RefSeqNum.ZERO,
            "45 RefSeqNum on BusinessMessageReject: 0 as in every Kraken example, or the rejected message's MsgSeqNum.");

    /** How 58 Text is written on a BusinessMessageReject. */
    public static final ConfigKey<BmrText> BMR_TEXT_FORMAT = ConfigKey.enumeration(
            "dialect.bmr.text-format", BmrText.class, BmrText.BARE,
            "58 Text on BusinessMessageReject: the bare Kraken error string, or '<ClOrdID> : ' before it.");

    /** How a Spot-only tag or value on a Derivatives order is refused. */
    public static final ConfigKey<RejectMessage> UNSUPPORTED_ON_DERIVATIVES_REJECT = ConfigKey.enumeration(
            "dialect.unsupported-on-derivatives.reject", RejectMessage.class, RejectMessage.SESSION_REJECT,
            "Spot-only tags or values on Derivatives: 35=3 373=5 371=<tag>, or 35=j 380=0.");

    /** How Derivatives engine reject texts are spelt. */
    public static final ConfigKey<DerivativesRejectText> DERIVATIVES_REJECT_TEXT = ConfigKey.enumeration(
            "dialect.derivatives.reject-text", DerivativesRejectText.class, DerivativesRejectText.UPPER_SNAKE,
            "Spelling of Derivatives engine reject texts: UPPER_SNAKE like IOC_WOULD_ENTER_BOOK, or camelCase like Futures REST.");

    // ---- features Kraken's pages dispute on Derivatives ------------------------------------------------

    /** Whether OrderCancelReplaceRequest (35=G) works on Derivatives. */
    public static final ConfigKey<Availability> DERIVATIVES_AMEND = ConfigKey.enumeration(
            "dialect.derivatives.amend", Availability.class, Availability.UNSUPPORTED,
            "Amend (35=G) on Derivatives trading sessions.");

    /** Whether OrderStatusRequest (35=H) works on Derivatives. */
    public static final ConfigKey<Availability> DERIVATIVES_ORDER_STATUS = ConfigKey.enumeration(
            "dialect.derivatives.order-status", Availability.class, Availability.UNSUPPORTED,
            "OrderStatusRequest (35=H) on Derivatives trading sessions.");

    /** Whether TradingSessionStatusRequest (35=g) works on Derivatives. */
    public static final ConfigKey<Availability> DERIVATIVES_TRADING_SESSION_STATUS = ConfigKey.enumeration(
            "dialect.derivatives.trading-session-status", Availability.class, Availability.UNSUPPORTED,
            "TradingSessionStatusRequest (35=g) on Derivatives sessions.");

    /** What 6 AvgPx carries on Derivatives fills. */
    public static final ConfigKey<FillAvgPx> DERIVATIVES_FILL_AVG_PX = ConfigKey.enumeration(
            "dialect.derivatives.fill-avg-px", FillAvgPx.class, FillAvgPx.REPORTED,
            "6 AvgPx on Derivatives fills: the average price, or 0 as a third party reports from production.");

    // ---- mass cancel and order status ------------------------------------------------------------------

    /** Which orders a mass cancel reaches. */
    public static final ConfigKey<MassCancelReach> MASS_CANCEL_SCOPE = ConfigKey.enumeration(
            "dialect.mass-cancel.scope", MassCancelReach.class, MassCancelReach.AS_REQUESTED,
            "Orders 35=q cancels: as its 530 value says (session or SenderCompID), or every order of the account.");

    /** The venue's answer to a mass cancel that finds nothing open. */
    public static final ConfigKey<MassCancelNoneOpen> MASS_CANCEL_NONE_OPEN = ConfigKey.enumeration(
            "dialect.mass-cancel.none-open", MassCancelNoneOpen.class, MassCancelNoneOpen.NO_REPLY,
            "Answer to 35=q when no order is open: nothing, or 35=j 380=0.");

    /** The venue's answer to an order status request for an unknown order. */
    public static final ConfigKey<UnknownOrderStatusReply> ORDER_STATUS_UNKNOWN_ORDER = ConfigKey.enumeration(
            "dialect.order-status.unknown-order", UnknownOrderStatusReply.class, UnknownOrderStatusReply.BUSINESS_REJECT,
            "Answer to 35=H for an unknown order: 35=j 380=101, or ExecutionReport 150=I 39=8.");

    // ---- symbols and order types -----------------------------------------------------------------------

    /** How the venue spells Bitcoin in Spot symbols. */
    public static final ConfigKey<SpotBitcoin> SYMBOL_SPOT_BITCOIN = ConfigKey.enumeration(
            "dialect.symbol.spot-bitcoin", SpotBitcoin.class, SpotBitcoin.BTC,
            "Bitcoin in the Spot symbols the venue publishes: BTC/USD or XBT/USD.");

    /** Whether the venue also accepts the other Bitcoin spelling. */
    public static final ConfigKey<Boolean> SYMBOL_ACCEPT_BITCOIN_ALIAS = ConfigKey.bool(
            "dialect.symbol.accept-bitcoin-alias", false,
            "The venue also accepts the other Bitcoin spelling (XBT/ for BTC/ or the reverse) and echoes what it was sent.");

    /** What 44 Price means on a trailing-stop-limit order. */
    public static final ConfigKey<TrailingStopLimitPrice> TRAILING_STOP_LIMIT_PRICE = ConfigKey.enumeration(
            "dialect.trailing-stop-limit.price", TrailingStopLimitPrice.class, TrailingStopLimitPrice.OFFSET,
            "44 Price on trailing-stop-limit (40=V): offset from the trigger price, or an absolute limit price.");

    // ---- execution reports -----------------------------------------------------------------------------

    /** Whether an order that fills on arrival gets a New report first. */
    public static final ConfigKey<Boolean> EXECUTION_REPORT_NEW_BEFORE_IMMEDIATE_FILL = ConfigKey.bool(
            "dialect.execution-report.new-before-immediate-fill", true,
            "An order that trades on arrival gets ExecutionReport 150=0 before its first 150=F.");

    /** How the venue forms 17 ExecID. */
    public static final ConfigKey<ExecIdScheme> EXECUTION_REPORT_EXEC_ID_SCHEME = ConfigKey.enumeration(
            "dialect.execution-report.exec-id-scheme", ExecIdScheme.class, ExecIdScheme.CLORDID_DERIVED,
            "How the venue forms 17 ExecID: base32 derived from the ClOrdID, or a sequence EXEC<n>:TRD001.");

    // ---- ClOrdID ---------------------------------------------------------------------------------------

    /** Whether numeric ClOrdIDs must also be within the COMB time window. */
    public static final ConfigKey<Boolean> CLORDID_WINDOW_FOR_NUMERIC = ConfigKey.bool(
            "dialect.clordid.window-for-numeric", false,
            "Numeric Spot ClOrdIDs, read as microsecond timestamps, must also be within 120 s of venue time.");

    /** Whether numeric ClOrdIDs must keep increasing. */
    public static final ConfigKey<Boolean> CLORDID_REQUIRE_INCREASING = ConfigKey.bool(
            "dialect.clordid.require-increasing", true,
            "A numeric ClOrdID must exceed every earlier numeric ClOrdID of the SenderCompID in the same scope.");

    /** How long ClOrdID uniqueness and the high-water mark last. */
    public static final ConfigKey<ClOrdIdScope> CLORDID_SCOPE = ConfigKey.enumeration(
            "dialect.clordid.scope", ClOrdIdScope.class, ClOrdIdScope.TRADING_DAY,
            "How long used ClOrdIDs are remembered: the trading day (until rollover or 5030=Y), or one connection.");

    /** How a reused or non-increasing ClOrdID is refused. */
    public static final ConfigKey<RejectMessage> CLORDID_DUPLICATE_REJECT = ConfigKey.enumeration(
            "dialect.clordid.duplicate-reject", RejectMessage.class, RejectMessage.BUSINESS_REJECT,
            "Reused or non-increasing ClOrdID: 35=j 380=0, or 35=3 373=5 371=11.");

    // ---- market data -----------------------------------------------------------------------------------

    /** Whether the venue serves Spot L3 market data. */
    public static final ConfigKey<Boolean> MARKET_DATA_SPOT_L3_ENABLED = ConfigKey.bool(
            "dialect.market-data.spot-l3-enabled", true,
            "Spot L3 (port 4005, 266=N on Spot symbols) is served; false: Level 3 is Derivatives only.");

    /** What the L3 book checksum covers. */
    public static final ConfigKey<L3Checksum> MARKET_DATA_L3_CHECKSUM = ConfigKey.enumeration(
            "dialect.market-data.l3-checksum", L3Checksum.class, L3Checksum.PER_ORDER,
            "5041 on L3 books: over each order of the top 10 levels, or over the levels as on L2.");

    // ---- Spot rate counter -----------------------------------------------------------------------------

    /** When the Spot rate counter refuses. */
    public static final ConfigKey<RejectAt> RATE_LIMIT_REJECT_AT = ConfigKey.enumeration(
            "dialect.rate-limit.reject-at", RejectAt.class, RejectAt.EXCEEDS,
            "Spot counter refuses when counter + cost reaches (>=) or exceeds (>) the tier threshold.");

    /** Whether a transaction refused for rate limit still adds its fixed cost. */
    public static final ConfigKey<Boolean> RATE_LIMIT_CHARGE_REJECTED = ConfigKey.bool(
            "dialect.rate-limit.charge-rejected", true,
            "A Spot transaction refused for rate limit still adds its fixed cost to the counter.");

    /** What a FIX mass cancel costs on the Spot counter. */
    public static final ConfigKey<MassCancelCost> RATE_LIMIT_MASS_CANCEL_COST = ConfigKey.enumeration(
            "dialect.rate-limit.mass-cancel-cost", MassCancelCost.class, MassCancelCost.PER_PAIR,
            "Spot counter cost of 35=q: +1 per affected pair, or each cancelled order's age-based cancel cost.");

    /** How the Spot counter decays. */
    public static final ConfigKey<Decay> RATE_LIMIT_DECAY = ConfigKey.enumeration(
            "dialect.rate-limit.decay", Decay.class, Decay.CONTINUOUS,
            "Spot counter decay: continuous, or in whole-second steps.");

    /** How a new order refused for rate limit is refused. */
    public static final ConfigKey<NewOrderFailure> RATE_LIMIT_REJECT_FORM = ConfigKey.enumeration(
            "dialect.rate-limit.reject-form", NewOrderFailure.class, NewOrderFailure.BUSINESS_REJECT,
            "New order refused for rate limit (Spot or Derivatives): 35=j 380=0, or ack then unsolicited cancel.");

    // ---- Derivatives per-session bucket -----------------------------------------------------------------

    /** Token capacity of each Derivatives trading session's bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_CAPACITY = ConfigKey.integer(
            "dialect.derivatives-bucket.capacity", 500, 1, 1_000_000,
            "Tokens in each Derivatives trading session's bucket (Futures REST: 500).");

    /** Tokens added per second to a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_REFILL_PER_SECOND = ConfigKey.integer(
            "dialect.derivatives-bucket.refill-per-second", 50, 0, 1_000_000,
            "Tokens added per second, continuously, up to the capacity (Futures REST: 500 per 10 s).");

    /** Tokens a NewOrderSingle takes from a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_COST_NEW_ORDER = ConfigKey.integer(
            "dialect.derivatives-bucket.cost-new-order", 10, 0, 1_000_000,
            "Tokens a NewOrderSingle (35=D) takes (Futures REST sendorder: 10).");

    /** Tokens an OrderCancelRequest takes from a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_COST_CANCEL = ConfigKey.integer(
            "dialect.derivatives-bucket.cost-cancel", 10, 0, 1_000_000,
            "Tokens an OrderCancelRequest (35=F) takes (Futures REST cancelorder: 10).");

    /** Tokens an OrderCancelReplaceRequest takes from a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_COST_AMEND = ConfigKey.integer(
            "dialect.derivatives-bucket.cost-amend", 10, 0, 1_000_000,
            "Tokens an OrderCancelReplaceRequest (35=G) takes when amend is supported (Futures REST editorder: 10).");

    /** Tokens an OrderMassCancelRequest takes from a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_COST_MASS_CANCEL = ConfigKey.integer(
            "dialect.derivatives-bucket.cost-mass-cancel", 25, 0, 1_000_000,
            "Tokens an OrderMassCancelRequest (35=q) takes (Futures REST cancelallorders: 25).");

    /** Tokens an OrderStatusRequest takes from a Derivatives bucket. */
    public static final ConfigKey<Integer> DERIVATIVES_BUCKET_COST_ORDER_STATUS = ConfigKey.integer(
            "dialect.derivatives-bucket.cost-order-status", 1, 0, 1_000_000,
            "Tokens an OrderStatusRequest (35=H) takes when supported (Futures REST orders/status: 1).");

    // ---- error-rate safeguard --------------------------------------------------------------------------

    /** Errors per rolling second above which the venue disconnects a session. */
    public static final ConfigKey<Integer> ERROR_RATE_MAX_PER_SECOND = ConfigKey.integer(
            "dialect.error-rate.max-per-second", 10, 0, 1_000_000,
            "The venue logs a session out when it causes more errors than this in a rolling second; 0 turns the safeguard off.");

    /** Which messages count as errors. */
    public static final ConfigKey<ErrorCount> ERROR_RATE_COUNTS = ConfigKey.enumeration(
            "dialect.error-rate.counts", ErrorCount.class, ErrorCount.REJECTS,
            "What counts as an error: 35=3 and 35=j, or those plus unsolicited cancels.");

    /** Whether an unknown-order answer to a status request counts as an error. */
    public static final ConfigKey<UnknownOrderStatusCount> ERROR_RATE_UNKNOWN_ORDER_STATUS = ConfigKey.enumeration(
            "dialect.error-rate.unknown-order-status", UnknownOrderStatusCount.class,
            UnknownOrderStatusCount.NOT_AN_ERROR,
            "Whether the venue's \"Unknown order\" answer to 35=H counts towards the error rate.");

    /** Every key, in the order of {@code docs/kraken-dialect.md}: by topic, as declared above. */
    public static final List<ConfigKey<?>> KEYS = List.of(
            TLS_MIN_VERSION,
            HOST_KIND,
            LOGON_DERIVATIVES_SIGNATURE_TARGET,
            LOGON_FAILURE_REPLY,
            COD_HONOUR_LOGON_TAG,
            COD_ON_CLEAN_LOGOUT,
            COD_CANCEL_REPORTS,
            HEARTBEAT_TEST_REQUEST_GRACE_PERCENT,
            HEARTBEAT_TIMEOUT_GRACE_PERCENT,
            ROLLOVER_MODE,
            ROLLOVER_DOWNTIME,
            ROLLOVER_CANCEL_ON_DISCONNECT,
            RESEND_REPLAY,
            GAP_FILL_POSS_DUP,
            ENGINE_REJECT_FORM,
            BMR_REF_SEQ_NUM,
            BMR_TEXT_FORMAT,
            UNSUPPORTED_ON_DERIVATIVES_REJECT,
            DERIVATIVES_REJECT_TEXT,
            DERIVATIVES_AMEND,
            DERIVATIVES_ORDER_STATUS,
            DERIVATIVES_TRADING_SESSION_STATUS,
            DERIVATIVES_FILL_AVG_PX,
            MASS_CANCEL_SCOPE,
            MASS_CANCEL_NONE_OPEN,
            ORDER_STATUS_UNKNOWN_ORDER,
            SYMBOL_SPOT_BITCOIN,
            SYMBOL_ACCEPT_BITCOIN_ALIAS,
            TRAILING_STOP_LIMIT_PRICE,
            EXECUTION_REPORT_NEW_BEFORE_IMMEDIATE_FILL,
            EXECUTION_REPORT_EXEC_ID_SCHEME,
            CLORDID_WINDOW_FOR_NUMERIC,
            CLORDID_REQUIRE_INCREASING,
            CLORDID_SCOPE,
            CLORDID_DUPLICATE_REJECT,
            MARKET_DATA_SPOT_L3_ENABLED,
            MARKET_DATA_L3_CHECKSUM,
            RATE_LIMIT_REJECT_AT,
            RATE_LIMIT_CHARGE_REJECTED,
            RATE_LIMIT_MASS_CANCEL_COST,
            RATE_LIMIT_DECAY,
            RATE_LIMIT_REJECT_FORM,
            DERIVATIVES_BUCKET_CAPACITY,
            DERIVATIVES_BUCKET_REFILL_PER_SECOND,
            DERIVATIVES_BUCKET_COST_NEW_ORDER,
            DERIVATIVES_BUCKET_COST_CANCEL,
            DERIVATIVES_BUCKET_COST_AMEND,
            DERIVATIVES_BUCKET_COST_MASS_CANCEL,
            DERIVATIVES_BUCKET_COST_ORDER_STATUS,
            ERROR_RATE_MAX_PER_SECOND,
            ERROR_RATE_COUNTS,
            ERROR_RATE_UNKNOWN_ORDER_STATUS);

    /** Every switch at FluxFix's choice. */
    public static final DialectOptions DEFAULTS = from(ConfigSource.empty("defaults"));

    // Keyed by the constants above (identity); holds a value for every key in KEYS.
    private final Map<ConfigKey<?>, Object> values;

    private DialectOptions(Map<ConfigKey<?>, Object> values) {
        this.values = values;
    }

    /**
     * Reads every {@code dialect.*} key of {@code source}, defaulting what is unset.
     *
     * @throws ConfigException naming the file and the full key, for a bad value or for a {@code dialect.*}
     *                         key that is not declared here
     */
    public static DialectOptions from(ConfigSource source) {
        Objects.requireNonNull(source, "source");
        ConfigKey.rejectUnknown(dialectKeysOf(source), KEYS);
        Map<ConfigKey<?>, Object> values = new IdentityHashMap<>();
        for (ConfigKey<?> key : KEYS) {
            values.put(key, key.read(source));
        }
        int testRequest = (Integer) values.get(HEARTBEAT_TEST_REQUEST_GRACE_PERCENT);
        int timeout = (Integer) values.get(HEARTBEAT_TIMEOUT_GRACE_PERCENT);
        if (timeout <= testRequest) {
            // Otherwise a side gives up before the answer to its own TestRequest can arrive.
            throw new ConfigException(source.origin(), source.fullKey(HEARTBEAT_TIMEOUT_GRACE_PERCENT.name()),
                    "must be greater than " + HEARTBEAT_TEST_REQUEST_GRACE_PERCENT.name() + " (" + testRequest
                            + "), got " + timeout);
        }
        return new DialectOptions(Collections.unmodifiableMap(values));
    }

    /** The value of {@code key}, which must be one of {@link #KEYS}. */
    public <T> T get(ConfigKey<T> key) {
        Object v = values.get(Objects.requireNonNull(key, "key"));
        if (v == null) {
            throw new IllegalArgumentException("not a dialect key: " + key.name());
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    public TlsVersion tlsMinVersion() {
        return get(TLS_MIN_VERSION);
    }

    public HostKind hostKind() {
        return get(HOST_KIND);
    }

    public SignatureTarget derivativesSignatureTarget() {
        return get(LOGON_DERIVATIVES_SIGNATURE_TARGET);
    }

    public LogonFailureReply logonFailureReply() {
        return get(LOGON_FAILURE_REPLY);
    }

    public boolean codHonoursLogonTag() {
        return get(COD_HONOUR_LOGON_TAG);
    }

    public boolean codOnCleanLogout() {
        return get(COD_ON_CLEAN_LOGOUT);
    }

    public CodReports codCancelReports() {
        return get(COD_CANCEL_REPORTS);
    }

    public int heartbeatTestRequestGracePercent() {
        return get(HEARTBEAT_TEST_REQUEST_GRACE_PERCENT);
    }

    public int heartbeatTimeoutGracePercent() {
        return get(HEARTBEAT_TIMEOUT_GRACE_PERCENT);
    }

    public RolloverMode rolloverMode() {
        return get(ROLLOVER_MODE);
    }

    public Duration rolloverDowntime() {
        return get(ROLLOVER_DOWNTIME);
    }

    public boolean codAtRollover() {
        return get(ROLLOVER_CANCEL_ON_DISCONNECT);
    }

    public ResendReplay resendReplay() {
        return get(RESEND_REPLAY);
    }

    public boolean gapFillPossDup() {
        return get(GAP_FILL_POSS_DUP);
    }

    public NewOrderFailure engineRejectForm() {
        return get(ENGINE_REJECT_FORM);
    }

    public RefSeqNum bmrRefSeqNum() {
        return get(BMR_REF_SEQ_NUM);
    }

    public BmrText bmrTextFormat() {
        return get(BMR_TEXT_FORMAT);
    }

    public RejectMessage unsupportedOnDerivativesReject() {
        return get(UNSUPPORTED_ON_DERIVATIVES_REJECT);
    }

    public DerivativesRejectText derivativesRejectText() {
        return get(DERIVATIVES_REJECT_TEXT);
    }

    public Availability derivativesAmend() {
        return get(DERIVATIVES_AMEND);
    }

    public Availability derivativesOrderStatus() {
        return get(DERIVATIVES_ORDER_STATUS);
    }

    public Availability derivativesTradingSessionStatus() {
        return get(DERIVATIVES_TRADING_SESSION_STATUS);
    }

    public FillAvgPx derivativesFillAvgPx() {
        return get(DERIVATIVES_FILL_AVG_PX);
    }

    public MassCancelReach massCancelScope() {
        return get(MASS_CANCEL_SCOPE);
    }

    public MassCancelNoneOpen massCancelNoneOpen() {
        return get(MASS_CANCEL_NONE_OPEN);
    }

    public UnknownOrderStatusReply orderStatusUnknownOrder() {
        return get(ORDER_STATUS_UNKNOWN_ORDER);
    }

    public SpotBitcoin spotBitcoin() {
        return get(SYMBOL_SPOT_BITCOIN);
    }

    public boolean acceptBitcoinAlias() {
        return get(SYMBOL_ACCEPT_BITCOIN_ALIAS);
    }

    public TrailingStopLimitPrice trailingStopLimitPrice() {
        return get(TRAILING_STOP_LIMIT_PRICE);
    }

    public boolean newBeforeImmediateFill() {
        return get(EXECUTION_REPORT_NEW_BEFORE_IMMEDIATE_FILL);
    }

    public ExecIdScheme execIdScheme() {
        return get(EXECUTION_REPORT_EXEC_ID_SCHEME);
    }

    public boolean clOrdIdWindowForNumeric() {
        return get(CLORDID_WINDOW_FOR_NUMERIC);
    }

    public boolean clOrdIdRequireIncreasing() {
        return get(CLORDID_REQUIRE_INCREASING);
    }

    public ClOrdIdScope clOrdIdScope() {
        return get(CLORDID_SCOPE);
    }

    public RejectMessage clOrdIdDuplicateReject() {
        return get(CLORDID_DUPLICATE_REJECT);
    }

    /** Kraken's format rules (documented 120 s COMB window) with this dialect's numeric-window choice. */
    public ClOrdIdRules clOrdIdRules() {
        return new ClOrdIdRules(ClOrdIdRules.KRAKEN_COMB_WINDOW, clOrdIdWindowForNumeric());
    }

    public boolean spotL3Enabled() {
        return get(MARKET_DATA_SPOT_L3_ENABLED);
    }

    public L3Checksum l3Checksum() {
        return get(MARKET_DATA_L3_CHECKSUM);
    }

    public RejectAt rateLimitRejectAt() {
        return get(RATE_LIMIT_REJECT_AT);
    }

    public boolean rateLimitChargeRejected() {
        return get(RATE_LIMIT_CHARGE_REJECTED);
    }

    public MassCancelCost rateLimitMassCancelCost() {
        return get(RATE_LIMIT_MASS_CANCEL_COST);
    }

    public Decay rateLimitDecay() {
        return get(RATE_LIMIT_DECAY);
    }

    public NewOrderFailure rateLimitRejectForm() {
        return get(RATE_LIMIT_REJECT_FORM);
    }

    public int derivativesBucketCapacity() {
        return get(DERIVATIVES_BUCKET_CAPACITY);
    }

    public int derivativesBucketRefillPerSecond() {
        return get(DERIVATIVES_BUCKET_REFILL_PER_SECOND);
    }

    public int derivativesBucketCostNewOrder() {
        return get(DERIVATIVES_BUCKET_COST_NEW_ORDER);
    }

    public int derivativesBucketCostCancel() {
        return get(DERIVATIVES_BUCKET_COST_CANCEL);
    }

    public int derivativesBucketCostAmend() {
        return get(DERIVATIVES_BUCKET_COST_AMEND);
    }

    public int derivativesBucketCostMassCancel() {
        return get(DERIVATIVES_BUCKET_COST_MASS_CANCEL);
    }

    public int derivativesBucketCostOrderStatus() {
        return get(DERIVATIVES_BUCKET_COST_ORDER_STATUS);
    }

    /** Errors per rolling second the venue tolerates; 0 means the safeguard is off. */
    public int errorRateMaxPerSecond() {
        return get(ERROR_RATE_MAX_PER_SECOND);
    }

    public ErrorCount errorRateCounts() {
        return get(ERROR_RATE_COUNTS);
    }

    public UnknownOrderStatusCount errorRateUnknownOrderStatus() {
        return get(ERROR_RATE_UNKNOWN_ORDER_STATUS);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DialectOptions)) {
            return false;
        }
        Map<ConfigKey<?>, Object> other = ((DialectOptions) o).values;
        for (ConfigKey<?> key : KEYS) {
            if (!values.get(key).equals(other.get(key))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (ConfigKey<?> key : KEYS) {
            h = 31 * h + values.get(key).hashCode();
        }
        return h;
    }

    /** Every key and value as a config file would write them, in {@link #KEYS} order. */
    @Override
    public String toString() {
        StringJoiner sj = new StringJoiner(", ", "DialectOptions{", "}");
        for (ConfigKey<?> key : KEYS) {
            sj.add(key.name() + "=" + text(values.get(key)));
        }
        return sj.toString();
    }

    private static String text(Object value) {
        if (value instanceof Enum) {
            return ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof Duration) {
            long ms = ((Duration) value).toMillis();
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
        return String.valueOf(value);
    }

    // The part of a source this class owns, so unknown-key checking leaves other modules' keys alone.
    private static ConfigSource dialectKeysOf(ConfigSource source) {
        String dotted = PREFIX + ".";
        return source.filtered(k -> k.equals(PREFIX) || k.startsWith(dotted));
    }
}
