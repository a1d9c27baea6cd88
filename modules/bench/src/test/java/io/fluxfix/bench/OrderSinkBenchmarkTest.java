package io.fluxfix.bench;

import io.fluxfix.orders.OrderState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-sink benchmark does what it says: every invocation sends its command (nothing held or refused), the
 * venue's answer settles it, and across a rollover the prepared ids are accepted again; with the prepared pool of
 * commands and with each command made just before it.
 */
class OrderSinkBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"pool", "fresh"})
    void everyCommandIsSentAndAnsweredAcrossARollover(String commands) {
        OrderSinkBenchmark b = new OrderSinkBenchmark();
        b.commands = commands;
        b.prepare();
        b.start();
        int invocations = 2 * OrderSinkBenchmark.POOL + 11;
        EveryCall latency = new EveryCall();
        latency.reset();
        for (int k = 0; k < invocations; k++) {
            assertThat(b.commandAndReport(latency).sent()).isTrue();
        }
        assertThat(b.port.sent).isEqualTo(invocations);
        latency.publish();
        assertThat(latency.calls).as("every invocation timed").isEqualTo(invocations);
        assertThat(b.sink.openOrders()).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(OrderState.NEW));
        assertThat(b.sink.inFlight()).isZero();
        b.check();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool", "fresh"})
    void theCommandOnlyVariantRunsTheSameWorkloadAnsweringThePreviousCommandBeforeTiming(String commands) {
        OrderSinkCommandBenchmark b = new OrderSinkCommandBenchmark();
        b.commands = commands;
        b.prepare();
        b.start();
        int invocations = 2 * OrderSinkBenchmark.POOL + 11;
        EveryCall latency = new EveryCall();
        latency.reset();
        for (int k = 0; k < invocations; k++) {
            assertThat(b.command(latency).sent()).isTrue();
            assertThat(b.workload.sink.inFlight()).as("the command just sent waits for its answer").isEqualTo(1);
        }
        b.check();
        latency.publish();
        assertThat(latency.calls).isEqualTo(invocations);
        assertThat(b.workload.port.sent).isEqualTo(invocations);
        assertThat(b.workload.sink.openOrders()).singleElement()
                .satisfies(o -> assertThat(o.state()).isEqualTo(OrderState.NEW));
        assertThat(b.workload.sink.inFlight()).isZero();
    }
}
