package io.fluxfix.orders;

import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.journal.Journal;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.BusinessReject;
import io.fluxfix.model.event.SessionReject;
import io.fluxfix.session.KrakenClient;
import io.fluxfix.session.KrakenSession;
import io.fluxfix.testkit.jvm.ForkedJvm;
import io.fluxfix.venue.engine.Order;
import io.fluxfix.venue.limits.SpotRateLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kill -9 of the client mid-burst, then a restart on the same journal and FIX store: the sink rebuilds its orders
 * and its rate model from the journal, reconciles with the venue, and the strategy's resubmitted burst sends only
 * what never left. The first client runs in a child JVM that the test kills with SIGKILL
 * ({@code Process.destroyForcibly}); the restarted one runs in this JVM.
 */
class RestartE2ETest {

    static final int ORDERS = 185; // Pro: 175 fit the counter at once (margin 5), the rest wait for its decay
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The first client: rebuilds (nothing), logs on, submits the burst, prints SUBMITTED, and waits to be killed. */
    public static final class Child {
        public static void main(String[] a) throws Exception {
            Path journalDir = Path.of(a[4]);
            try (ChronicleJournal journal = ChronicleJournal.open(journalDir);
                 KrakenClient client = VenueClient.client(InstantSource.system(), journal, Path.of(a[5]), a[0],
                         Integer.parseInt(a[1]), a[2], Path.of(a[3]));
                 OrderSink sink = sink(client.session(VenueClient.SESSION), InstantSource.system())) {
                try (JournalReader r = journal.reader()) {
                    sink.rebuild(r);
                }
                sink.start();
                client.start();
                Awaitility.await().atMost(WAIT).until(() -> client.session(VenueClient.SESSION).isLoggedOn());
                Awaitility.await().atMost(WAIT).until(() -> sink.inFlight() == 0 && !sink.reconciling());
                burst(sink, Long.parseLong(a[6]));
                System.out.println("SUBMITTED");
                System.out.flush();
                Thread.currentThread().join(); // until killed
            }
        }
    }

    static OrderSink sink(KrakenSession session, InstantSource clock) {
        return new OrderSink(VenueRateLimitsE2ETest.config("orders.spot.tier", "pro", "orders.pump-interval", "5ms",
                "orders.ack-timeout", "2s"), List.of(new KrakenSessionPort(session)),
                new OrderSink.Options(clock, Schedulers.parallel(), new SimpleMeterRegistry(), null, null));
    }

    /** The strategy's burst: the same ClOrdIDs every time it runs. */
    static List<Decision> burst(OrderSink sink, long base) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            out.add(sink.submit(VenueClient.SESSION, NewOrder.limit(Long.toString(base + i), "BTC/USD", Side.BUY,
                    Decimal.parse("0.001"), Decimal.parse("1000.0").add(Decimal.of(i, 1)), TimeInForce.GOOD_TILL_CANCEL,
                    null, System.currentTimeMillis() * 1_000_000L)));
        }
        return out;
    }

    @Test
    @org.junit.jupiter.api.Disabled("Racy, and shows an open gap (issue 9): a SIGKILL between the child's journal"
            + " append and its socket write leaves a NewOrder journaled that the venue never got; the restarted sink"
            + " asks by order id only, so it keeps that order pending and never settles (seen 3 times in 5 runs on a"
            + " quiet machine; passed under load). Re-enable once the sink asks by ClOrdID for unacknowledged"
            + " journaled orders and the venue answers such a status request.")
    void killedMidBurstThenRestartedTheJournalAndTheVenueAgreeAndNothingIsSentTwice(@TempDir Path dir) throws Exception {
        VenueClient v = VenueClient.system(dir.resolve("tls"), dir.resolve("venue"), "ORDRS", "pro", Map.of());
        Path journalDir = dir.resolve("journal");
        Path storeDir = dir.resolve("store");
        long base = System.currentTimeMillis() * 1000;
        try (v.venue) {
            List<String> command = ForkedJvm.command(Child.class, "localhost", Integer.toString(v.port()), v.compId,
                    v.trustStore.toString(), journalDir.toString(), storeDir.toString(), Long.toString(base));
            Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("the child got its burst going (stderr in child.err)").isEqualTo("SUBMITTED");
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no logout, no journal close
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            int sentBeforeKill;
            try (JournalReader r = JournalReader.open(journalDir)) {
                sentBeforeKill = (int) r.replay().filter(x -> x.payload() instanceof NewOrder).count().block().longValue();
            }
            System.out.println("restart e2e: NewOrders journaled before the kill: " + sentBeforeKill + " of " + ORDERS);
            assertThat(sentBeforeKill).as("killed mid-burst").isBetween(1, ORDERS - 1);

            try (ChronicleJournal journal = ChronicleJournal.open(journalDir);
                 KrakenClient client = v.client(journal, storeDir);
                 OrderSink sink = sink(client.session(VenueClient.SESSION), InstantSource.system())) {
                try (JournalReader r = journal.reader()) {
                    assertThat(sink.rebuild(r)).isPositive();
                }
                assertThat(sink.reconciling()).as("orders of the dead process are open or unknown").isTrue();
                assertThat(sink.spotCounters().get("BTC/USD").compareTo(Decimal.ZERO)).as("rate model rebuilt")
                        .isPositive();
                List<Decision> early = burst(sink, base);
                assertThat(early).allMatch(d -> d.outcome() == Decision.Outcome.REFUSED);
                sink.start();
                client.start();
                Awaitility.await().atMost(WAIT).until(() -> !sink.reconciling());
                List<Decision> again = burst(sink, base);
                assertThat(again.stream().filter(d -> d.reason() == Decision.Reason.DUPLICATE_CLORDID))
                        .as("what the journal holds is never sent again").hasSize(sentBeforeKill);
                Awaitility.await().atMost(WAIT).until(() -> sink.inFlight() == 0
                        && sink.openOrders().stream().noneMatch(o -> o.state() == OrderState.QUEUED));

                List<JournalRecord> records;
                try (JournalReader r = journal.reader()) {
                    records = r.replay().collectList().block();
                }
                List<String> sent = records.stream().filter(x -> x.direction() == Journal.Direction.OUT)
                        .map(JournalRecord::payload).filter(NewOrder.class::isInstance)
                        .map(x -> ((NewOrder) x).clOrdId()).toList();
                assertThat(sent).as("every order sent once").doesNotHaveDuplicates().hasSize(ORDERS);
                List<String> rejects = records.stream().map(JournalRecord::payload)
                        .map(x -> x instanceof BusinessReject b ? b.text() : x instanceof SessionReject s ? s.text() : null)
                        .filter(java.util.Objects::nonNull).toList();
                assertThat(rejects).noneMatch(t -> t.contains("Rate limit")).noneMatch(t -> t.contains("uplicate"));

                // the venue and the sink agree on every order: known, same id, open or not alike
                Map<String, Order> venueOrders = v.venue.engine(Market.SPOT).openOrders().stream()
                        .collect(Collectors.toMap(Order::clOrdId, Function.identity()));
                assertThat(v.venue.engine(Market.SPOT).ordersKept()).isEqualTo(ORDERS);
                for (int i = 0; i < ORDERS; i++) {
                    OrderView o = sink.order(Long.toString(base + i));
                    assertThat(o).as("order %d", i).isNotNull();
                    assertThat(o.orderId()).as("order %d acknowledged", i).isNotNull();
                    Order at = v.venue.engine(Market.SPOT).order(o.orderId());
                    assertThat(at.clOrdId()).isEqualTo(o.clOrdId());
                    assertThat(o.isOpen()).as("order %d open at the venue: %s; sink: %s", i, at.status(), o.state())
                            .isEqualTo(at.isOpen());
                    assertThat(venueOrders.containsKey(o.clOrdId())).isEqualTo(o.isOpen());
                }
                long now = v.venueNanos();
                SpotRateLimits.CounterState counter = v.venue.gateway().spotRateCounters(now).stream()
                        .filter(c -> c.owner().equals("alice")).findFirst().orElseThrow();
                Decimal model = sink.spotCounters().get("BTC/USD");
                System.out.println("restart e2e: venue counter " + counter.value() + ", model " + model
                        + ", venue refused " + counter.refused());
                assertThat(counter.refused()).isZero();
                assertThat(v.venue.application().errorRates()).allMatch(e -> e.disconnects() == 0);
            }
        }
    }
}
