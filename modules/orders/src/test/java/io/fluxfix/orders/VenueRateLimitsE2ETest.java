package io.fluxfix.orders;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.CancelOrder;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.venue.limits.SpotRateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink against the local venue with Kraken's limits on (Starter tier: threshold 60, decay 1 per second), on a
 * clock shared by venue and client that the test moves: two minutes of venue time take a few seconds.
 */
class VenueRateLimitsE2ETest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void tenTimesTheAllowedRateForTwoMinutesMeetsNoRateLimitNoDisconnectAndTheModelMatchesTheVenue(@TempDir Path dir) {
        VenueClient v = VenueClient.manual(dir.resolve("tls"), dir.resolve("venue"), "ORDRL", "starter", Map.of());
        try (v.venue; ChronicleJournal journal = ChronicleJournal.open(dir.resolve("journal"));
             KrakenClient client = v.client(journal, dir.resolve("store"))) {
            KrakenSession session = client.session(VenueClient.SESSION);
            List<Event> received = new CopyOnWriteArrayList<>();
            List<SessionEvent> lifecycle = new CopyOnWriteArrayList<>();
            session.orderEvents().subscribe(received::add);
            session.sessionEvents().subscribe(lifecycle::add);
            OrderSinkConfig config = config("orders.spot.tier", "starter", "orders.spot.safety-margin", "5");
            try (OrderSink sink = new OrderSink(config, List.of(new KrakenSessionPort(session)),
                    new OrderSink.Options(v.clock, Schedulers.parallel(), new SimpleMeterRegistry(), null, null))) {
                sink.start();
                client.start();
                Awaitility.await().atMost(WAIT).until(session::isLoggedOn);
                Awaitility.await().atMost(WAIT).until(() -> sink.submit(VenueClient.SESSION, order(sink, v, 0)).sent());
                settle(sink);

                // every 100 ms: a new order, and a cancel of the order placed a second earlier — about 10 adds and
                // 10 young cancels (+8 each) a second against a budget of 60 plus 1 a second
                ArrayDeque<String> placed = new ArrayDeque<>();
                long attemptedCost = 0;
                int sentNew = 0;
                for (int step = 1; step <= 1200; step++) {
                    v.advance(Duration.ofMillis(100));
                    sink.pump();
                    NewOrder n = order(sink, v, step);
                    Decision d = sink.submit(VenueClient.SESSION, n);
                    attemptedCost += 1;
                    sentNew += d.sent() ? 1 : 0;
                    if (d.outcome() != Decision.Outcome.REFUSED) {
                        placed.add(n.clOrdId());
                    }
                    if (placed.size() > 10) {
                        String old = placed.poll();
                        OrderView o = sink.order(old);
                        if (o != null && o.isOpen() && o.state() != OrderState.PENDING_CANCEL) {
                            sink.submit(VenueClient.SESSION, new CancelOrder(sink.nextClOrdId(Market.SPOT), old, null,
                                    "BTC/USD", Side.BUY, nanos(v)));
                            attemptedCost += 8;
                        }
                    }
                    settle(sink);
                }
                settle(sink);

                long now = v.venueNanos();
                SpotRateLimits.CounterState venue = v.venue.gateway().spotRateCounters(now).stream()
                        .filter(c -> c.owner().equals("alice") && c.symbol().equals("BTC/USD")).findFirst().orElseThrow();
                Decimal model = sink.spotCounters().get("BTC/USD");
                System.out.printf("rate-limit e2e: attempted cost %d over 120 s (budget %d), new orders sent %d, "
                        + "venue charged %s, venue counter %s, model %s, refused %d%n", attemptedCost, 60 + 120,
                        sentNew, venue.charged(), venue.value(), model, venue.refused());
                assertThat(attemptedCost).as("the strategy tried at least 10x what the tier allows")
                        .isGreaterThanOrEqualTo(10L * (60 + 120));
                assertThat(venue.charged()).as("the sink used the budget, not idled")
                        .isGreaterThan(Decimal.ofLong(150));
                assertThat(venue.refused()).isZero();
                assertThat(received).filteredOn(BusinessReject.class::isInstance).map(e -> ((BusinessReject) e).text())
                        .doesNotContain("EOrder:Rate limit exceeded");
                assertThat(lifecycle).noneMatch(e -> e instanceof SessionEvent.LoggedOut
                        || e instanceof SessionEvent.Disconnected);
                assertThat(v.venue.application().errorRates()).allMatch(e -> e.disconnects() == 0);
                Decimal gap = model.subtract(venue.value());
                assertThat(gap.signum() < 0 ? gap.negate() : gap).as("model %s vs venue %s", model, venue.value())
                        .isLessThanOrEqualTo(config.spotSafetyMargin());
            }
        }
    }

    @Test
    void aStormOfInvalidOrdersTripsTheClientGuardBeforeTheVenuesDisconnect(@TempDir Path dir) {
        // the control: with the guard at the venue's own threshold and unanswered commands not counted, the same
        // storm gets the session logged out — so the venue's safeguard is live in this setup
        assertThat(storm(dir.resolve("control"), "ORDST1", "1", "false")).as("venue disconnects without the guard")
                .isPositive();
        assertThat(storm(dir.resolve("guarded"), "ORDST2", "0.5", "true")).as("no disconnect with the guard").isZero();
    }

    /** 30 orders on a pair the venue does not list, in a tight loop; returns the venue's error-rate disconnects. */
    private long storm(Path dir, String compId, String pauseFraction, String countInFlight) {
        VenueClient v = VenueClient.manual(dir.resolve("tls"), dir.resolve("venue"), compId, "pro", Map.of());
        try (v.venue; ChronicleJournal journal = ChronicleJournal.open(dir.resolve("journal"));
             KrakenClient client = v.client(journal, dir.resolve("store"))) {
            KrakenSession session = client.session(VenueClient.SESSION);
            OrderSinkConfig config = config("orders.error-rate.pause-fraction", pauseFraction,
                    "orders.error-rate.count-in-flight", countInFlight);
            try (OrderSink sink = new OrderSink(config, List.of(new KrakenSessionPort(session)),
                    new OrderSink.Options(v.clock, Schedulers.parallel(), new SimpleMeterRegistry(), null, null))) {
                List<SinkEvent> events = new CopyOnWriteArrayList<>();
                sink.events().subscribe(events::add);
                sink.start();
                client.start();
                Awaitility.await().atMost(WAIT).until(session::isLoggedOn);
                Awaitility.await().atMost(WAIT).until(() -> sink.inFlight() == 0 && sink.submit(VenueClient.SESSION,
                        NewOrder.limit(sink.nextClOrdId(Market.SPOT), "ETH/USD", Side.BUY, Decimal.parse("1"),
                                Decimal.parse("2000"), TimeInForce.GOOD_TILL_CANCEL, null, nanos(v))).sent());
                for (int k = 1; k < 30; k++) {
                    sink.submit(VenueClient.SESSION, NewOrder.limit(sink.nextClOrdId(Market.SPOT), "ETH/USD", Side.BUY,
                            Decimal.parse("1"), Decimal.parse("2000"), TimeInForce.GOOD_TILL_CANCEL, null, nanos(v)));
                }
                Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> sink.inFlight() == 0
                        || !session.isLoggedOn());
                long disconnects = v.venue.application().errorRates().stream().mapToLong(e -> e.disconnects()).sum();
                if (disconnects == 0) {
                    assertThat(events).anyMatch(SinkEvent.GuardPaused.class::isInstance);
                    assertThat(session.isLoggedOn()).isTrue();
                }
                return disconnects;
            }
        }
    }

    static OrderSinkConfig config(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("orders.pump-interval", "0ms");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return OrderSinkConfig.read(ConfigSource.of("e2e", m));
    }

    /** Waits until the venue has answered everything sent, so its clock reads what the sink's read when it sent. */
    static void settle(OrderSink sink) {
        if (sink.inFlight() > 0) {
            Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> sink.inFlight() == 0);
        }
    }

    private static NewOrder order(OrderSink sink, VenueClient v, int step) {
        return NewOrder.limit(sink.nextClOrdId(Market.SPOT), "BTC/USD", Side.BUY, Decimal.parse("0.001"),
                Decimal.parse("1000.0").add(Decimal.of(step % 100, 1)), TimeInForce.GOOD_TILL_CANCEL, null, nanos(v));
    }

    static long nanos(VenueClient v) {
        var i = v.clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
