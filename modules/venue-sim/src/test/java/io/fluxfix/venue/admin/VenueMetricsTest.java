package io.fluxfix.venue.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class VenueMetricsTest {

    private final VenueMetrics metrics = new VenueMetrics();

    private double count(String name, String... tags) {
        return metrics.registry().get(name).tags(tags).counter().count();
    }

    @Test
    void countsPerTagSet() {
        metrics.messageReceived("CLIENT1", "D");
        metrics.messageReceived("CLIENT1", "D");
        metrics.messageReceived("CLIENT2", "F");
        metrics.messageSent("CLIENT1", "8");
        metrics.sessionReject("CLIENT1", "required_tag_missing");
        metrics.businessReject("CLIENT1", "unknown_symbol");
        metrics.orderAccepted(Market.DERIVATIVES, OrdType.STOP_LOSS_LIMIT);
        metrics.fill(Market.SPOT);
        metrics.cancel(Market.SPOT, "mass");
        metrics.logonAccepted("CLIENT1");
        metrics.logonRejected("CLIENT3");
        metrics.forcedDisconnect("CLIENT2", "rollover");

        assertThat(count("venue.messages.received", "session", "CLIENT1", "msg_type", "D")).isEqualTo(2);
        assertThat(count("venue.messages.received", "session", "CLIENT2", "msg_type", "F")).isEqualTo(1);
        assertThat(count("venue.messages.sent", "session", "CLIENT1", "msg_type", "8")).isEqualTo(1);
        assertThat(count("venue.rejects", "kind", "session", "reason", "required_tag_missing")).isEqualTo(1);
        assertThat(count("venue.rejects", "kind", "business", "reason", "unknown_symbol")).isEqualTo(1);
        assertThat(count("venue.orders", "market", "derivatives", "ord_type", "stop_loss_limit")).isEqualTo(1);
        assertThat(count("venue.fills", "market", "spot")).isEqualTo(1);
        assertThat(count("venue.cancels", "market", "spot", "reason", "mass")).isEqualTo(1);
        assertThat(count("venue.logons", "session", "CLIENT1", "result", "accepted")).isEqualTo(1);
        assertThat(count("venue.logons", "session", "CLIENT3", "result", "rejected")).isEqualTo(1);
        assertThat(count("venue.forced.disconnects", "session", "CLIENT2", "reason", "rollover")).isEqualTo(1);
    }

    @Test
    void theGaugeReadsTheVenuesCounter() {
        metrics.sessionsLoggedOn().incrementAndGet();
        metrics.sessionsLoggedOn().incrementAndGet();
        metrics.sessionsLoggedOn().decrementAndGet();

        assertThat(metrics.registry().get("venue.sessions.logged.on").gauge().value()).isEqualTo(1);
    }

    @Test
    void nullAndBlankTagValuesBecomeNone() {
        metrics.forcedDisconnect(null, " ");

        assertThat(count("venue.forced.disconnects", "session", "none", "reason", "none")).isEqualTo(1);
    }

    @Test
    void oneCounterPerTagSetIsCachedAndReused() {
        CounterFamily family = new CounterFamily(new SimpleMeterRegistry(), "test.cached", "d", 10, "a", "b");

        Counter first = family.counter("x", "y");

        assertThat(family.counter("x", "y")).isSameAs(first);
        assertThat(family.counter("x", "z")).isNotSameAs(first);
    }

    @Test
    void tagSetsPastTheCapAreFoldedIntoOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CounterFamily family = new CounterFamily(registry, "test.capped", "d", 3, "reason");

        for (int i = 0; i < 10; i++) {
            family.increment("reason-" + i);
        }

        assertThat(registry.find("test.capped").counters()).hasSize(4);
        assertThat(registry.get("test.capped").tag("reason", "other").counter().count()).isEqualTo(7);
        assertThat(registry.get("test.capped").tag("reason", "reason-0").counter().count()).isEqualTo(1);
    }

    @Test
    void longTagValuesAreCut() {
        CounterFamily family = new CounterFamily(new SimpleMeterRegistry(), "test.long", "d", 10, "reason");

        Counter counter = family.counter("r".repeat(500));

        assertThat(counter.getId().getTag("reason")).hasSize(CounterFamily.MAX_VALUE_LENGTH);
    }

    @Test
    void theWrongNumberOfTagValuesIsABug() {
        CounterFamily family = new CounterFamily(new SimpleMeterRegistry(), "test.arity", "d", 10, "a", "b");

        assertThatThrownBy(() -> family.counter("only-one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("test.arity takes tags [a, b], got [only-one]");
    }
}
