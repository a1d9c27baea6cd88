package io.fluxfix.bench;

import io.fluxfix.orders.OrderState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order-sink benchmark does what it says: every invocation sends its command (nothing held or refused), the
 * venue's answer settles it, and across a rollover the prepared ids are accepted again.
 */
class OrderSinkBenchmarkTest {

    @Test
    void everyCommandIsSentAndAnsweredAcrossARollover() {
        OrderSinkBenchmark b = new OrderSinkBenchmark();
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

    @Test
    void theCommandOnlyVariantRunsTheSameWorkloadAnsweringThePreviousCommandBeforeTiming() {
        OrderSinkCommandBenchmark b = new OrderSinkCommandBenchmark();
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
