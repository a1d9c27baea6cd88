package io.fluxfix.journal;

import io.fluxfix.model.ExecInstruction;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.MessageKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Format version 1 writes enums as ordinal + 1, so journals written today read back only while the constants
 * keep their order: new constants go last. This pins the order of the enums the hot records use; a reorder
 * fails here instead of silently misreading old journals.
 */
class EnumOrderTest {

    static Stream<Arguments> pinned() {
        return Stream.of(
                Arguments.of(Side.class, List.of("BUY", "SELL")),
                Arguments.of(MdUpdateAction.class, List.of("NEW", "CHANGE", "DELETE")),
                Arguments.of(MdEntryType.class, List.of("BID", "OFFER", "TRADE")),
                Arguments.of(OrdType.class, List.of("MARKET", "LIMIT", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT")),
                Arguments.of(TimeInForce.class, List.of("GOOD_TILL_CANCEL", "IMMEDIATE_OR_CANCEL", "FILL_OR_KILL",
                        "GOOD_TILL_DATE")),
                Arguments.of(ExecType.class, List.of("NEW", "PARTIAL_FILL", "FILL", "DONE_FOR_DAY", "CANCELED",
                        "REPLACED", "PENDING_CANCEL", "STOPPED", "REJECTED", "SUSPENDED", "PENDING_NEW", "CALCULATED",
                        "EXPIRED", "RESTATED", "PENDING_REPLACE", "TRADE", "TRADE_CORRECT", "TRADE_CANCEL",
                        "ORDER_STATUS")),
                Arguments.of(OrdStatus.class, List.of("NEW", "PARTIALLY_FILLED", "FILLED", "DONE_FOR_DAY", "CANCELED",
                        "REPLACED", "PENDING_CANCEL", "STOPPED", "REJECTED", "SUSPENDED", "PENDING_NEW", "CALCULATED",
                        "EXPIRED", "ACCEPTED_FOR_BIDDING", "PENDING_REPLACE")),
                Arguments.of(ExecInstruction.class, List.of("REDUCE_ONLY", "POST_ONLY", "VOLUME_IN_QUOTE",
                        "FEE_IN_BASE", "FEE_IN_QUOTE", "SINGLE_FEE")),
                Arguments.of(MessageKind.class, List.of("NEW_ORDER", "CANCEL", "AMEND", "MASS_CANCEL", "ORDER_STATUS",
                        "EXECUTION_REPORT", "ORDER_CANCEL_REJECT", "MARKET_DATA_REQUEST", "INSTRUMENT_LIST_REQUEST",
                        "TRADING_SESSION_STATUS_REQUEST", "MARKET_DATA_SNAPSHOT", "MARKET_DATA_INCREMENT",
                        "MARKET_DATA_REJECT", "INSTRUMENT_LIST", "TRADING_SESSION_STATUS", "LOGON", "LOGOUT",
                        "HEARTBEAT", "TEST_REQUEST", "RESEND_REQUEST", "SEQUENCE_RESET", "REJECT", "BUSINESS_REJECT",
                        "OTHER")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pinned")
    void constantsKeepTheirOrder(Class<? extends Enum<?>> type, List<String> v1Order) {
        List<String> now = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        assertThat(now).as("constants of %s: add new ones at the end", type.getSimpleName())
                .startsWith(v1Order.toArray(String[]::new));
    }
}
