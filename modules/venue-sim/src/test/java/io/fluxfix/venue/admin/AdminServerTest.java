package io.fluxfix.venue.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxfix.model.Market;
import io.fluxfix.model.OrdType;
import io.fluxfix.venue.admin.AdminTestClient.Reply;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Every route against a real server on an ephemeral port, started and closed around each test so the leak check
 * also proves that {@link AdminServer#close()} ends the endpoint's threads.
 */
class AdminServerTest {

    private static final String HOST = "127.0.0.1";

    private final FakeVenueAdmin venue = new FakeVenueAdmin();
    private final VenueMetrics metrics = new VenueMetrics();
    private AdminServer server;
    private AdminTestClient client;

    @BeforeEach
    void start() {
        server = AdminServer.start(HOST, 0, venue, metrics.registry());
        client = new AdminTestClient(server.port());
    }

    @AfterEach
    void stop() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    @Test
    void bindsAnEphemeralPort() {
        assertThat(server.port()).isBetween(1, 65_535);
    }

    @Test
    void healthIsUp() {
        Reply reply = client.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(reply.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Nested
    class State {

        @Test
        void rendersRecordsByComponentNameWithExactDecimalsAndIsoTimes() {
            Reply reply = client.get("/state");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("application/json");
            // Exact digits, as written: trailing zeros kept, no exponent, BigDecimal in plain notation.
            assertThat(reply.body())
                    .contains("\"price\":28013.50", "\"leavesQty\":0.00000100", "\"fee\":0.00000001")
                    .contains("\"price\":28100", "\"leavesQty\":-0.5", "\"fee\":1000")
                    .contains("\"USD\":1000000.0000", "\"BTC\":12.3456789012", "\"value\":2.125")
                    .contains("\"asOf\":\"2026-11-22T09:30:00.123456789Z\"")
                    .contains("\"loggedOnAt\":\"2026-11-22T00:00:05Z\"", "\"loggedOnAt\":null")
                    .doesNotContain("E+", "E-", "e+", "e-");

            JsonNode state = reply.json();
            assertThat(fieldNames(state)).containsExactly(
                    "asOf", "tradingMode", "sessions", "openOrders", "balances", "rateCounters");
            JsonNode session = state.at("/sessions/0");
            assertThat(fieldNames(session)).containsExactly(
                    "senderCompId", "loggedOn", "nextSenderSeqNum", "nextTargetSeqNum", "loggedOnAt");
            assertThat(session.get("senderCompId").asText()).isEqualTo("CLIENT1");
            assertThat(session.get("loggedOn").isBoolean()).isTrue();
            assertThat(session.get("nextSenderSeqNum").isIntegralNumber()).isTrue();
            assertThat(session.get("nextSenderSeqNum").asLong()).isEqualTo(42);

            JsonNode order = state.at("/openOrders/ACC1/BTC~1USD/0");
            assertThat(fieldNames(order)).containsExactly(
                    "orderId", "clOrdId", "side", "price", "leavesQty", "fee");
            assertThat(order.get("side").asText()).isEqualTo("BUY");
            assertThat(order.get("price").isNumber()).isTrue();
            // The tree strips trailing zeros; the exact digits are asserted on the body above.
            assertThat(order.get("price").decimalValue()).isEqualByComparingTo("28013.50");
            assertThat(order.get("leavesQty").decimalValue()).isEqualByComparingTo("0.000001");
            assertThat(state.at("/openOrders/ACC2").isObject()).isTrue();
            assertThat(state.at("/openOrders/ACC2").size()).isZero();
            assertThat(state.at("/rateCounters/ACC1/max").asInt()).isEqualTo(20);
        }

        @Test
        void callsTheVenueOffTheEventLoop() {
            client.get("/state");
            client.post("/rollover", null);
            client.post("/trading-mode", "{\"mode\":\"post_only\"}");
            client.post("/instruments/BTC%2FUSD/status", "{\"status\":\"cancel_only\"}");

            assertThat(venue.callThreads).hasSize(4).allMatch(name -> name.startsWith("boundedElastic-"));
        }

        @Test
        void aFailingVenueGives500WithOneLineAndTheServerKeepsServing() {
            venue.failure = new IllegalStateException("engine stopped\n\tat io.fluxfix.venue.Engine.run(Engine.java:1)");

            Reply failed = client.get("/state");

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.contentType()).isEqualTo("application/json");
            assertThat(failed.json().get("error").asText())
                    .isEqualTo("state() failed: IllegalStateException: engine stopped");
            assertThat(failed.body()).doesNotContain("\\n", "\\t", "at io.fluxfix");

            venue.failure = null;
            assertThat(client.get("/state").status()).isEqualTo(200);
            assertThat(client.get("/health").status()).isEqualTo(200);
        }

        @Test
        void aSnapshotJacksonCannotRenderGives500() {
            venue.state = List.of(new Object());

            Reply reply = client.get("/state");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("error").asText())
                    .startsWith("state() failed: InvalidDefinitionException: No serializer found");
            assertThat(reply.body()).doesNotContain("\\n");
        }
    }

    @Nested
    class Rollover {

        @Test
        void isAccepted() {
            Reply reply = client.post("/rollover", null);

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.body()).isEqualTo("{\"rollover\":\"started\"}");
            assertThat(venue.rollovers).hasValue(1);
        }

        @Test
        void aFailingRolloverGives500() {
            venue.failure = new UnsupportedOperationException("no rollover today");

            Reply reply = client.post("/rollover", null);

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("error").asText())
                    .isEqualTo("rolloverNow() failed: UnsupportedOperationException: no rollover today");
        }
    }

    @Nested
    class InstrumentStatus {

        @Test
        void setsTheStatusOfAnUrlEncodedSymbolAndEchoesIt() {
            Reply reply = client.post("/instruments/BTC%2FUSD/status", "{\"status\":\"cancel_only\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.body()).isEqualTo("{\"symbol\":\"BTC/USD\",\"status\":\"cancel_only\"}");
            assertThat(venue.instrumentStatus).containsEntry("BTC/USD", "cancel_only");
        }

        @Test
        void acceptsASymbolWithoutSlash() {
            Reply reply = client.post("/instruments/PF_XBTUSD/status", "{\"status\":\"post_only\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(venue.instrumentStatus).containsEntry("PF_XBTUSD", "post_only");
        }

        @Test
        void anUnknownSymbolIs400WithTheVenuesMessage() {
            Reply reply = client.post("/instruments/DOGE%2FUSD/status", "{\"status\":\"cancel_only\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.body()).isEqualTo("{\"error\":\"unknown symbol 'DOGE/USD'\"}");
        }

        @Test
        void anUnknownStatusIs400() {
            Reply reply = client.post("/instruments/BTC%2FUSD/status", "{\"status\":\"sideways\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("unknown instrument status 'sideways'");
            assertThat(venue.instrumentStatus).isEmpty();
        }

        @Test
        void anUnencodedSlashIsAnotherPath() {
            Reply reply = client.post("/instruments/BTC/USD/status", "{\"status\":\"cancel_only\"}");

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").asText())
                    .isEqualTo("no route for POST /instruments/BTC/USD/status");
        }

        @Test
        void aMalformedEscapeIs400() throws IOException {
            String answer = rawExchange("POST /instruments/BTC%zzUSD/status HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(answer).contains("{\"error\":\"malformed percent-encoding in path segment 'BTC%zzUSD'\"}");
        }
    }

    @Nested
    class TradingMode {

        @Test
        void setsTheModeAndEchoesIt() {
            Reply reply = client.post("/trading-mode", "{\"mode\":\"post_only\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.body()).isEqualTo("{\"mode\":\"post_only\"}");
            assertThat(venue.tradingMode).isEqualTo("post_only");
        }

        @Test
        void anUnknownModeIs400() {
            Reply reply = client.post("/trading-mode", "{\"mode\":\"sideways\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo("{\"error\":\"unknown trading mode 'sideways'\"}");
            assertThat(venue.tradingMode).isEqualTo("online");
        }

        @Test
        void aVenueFailureOtherThanARefusalIs500() {
            venue.failure = new IllegalStateException("engine stopped");

            Reply reply = client.post("/trading-mode", "{\"mode\":\"post_only\"}");

            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.json().get("error").asText())
                    .isEqualTo("setTradingMode() failed: IllegalStateException: engine stopped");
        }
    }

    @Nested
    class Bodies {

        @Test
        void malformedJsonIs400() {
            Reply reply = client.post("/trading-mode", "{\"mode\":");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).isEqualTo("application/json");
            assertThat(reply.json().get("error").asText()).startsWith("malformed JSON body: ");
            assertThat(reply.body()).doesNotContain("\\n");
            assertThat(venue.callThreads).isEmpty();
        }

        @Test
        void trailingGarbageIs400() {
            Reply reply = client.post("/trading-mode", "{\"mode\":\"post_only\"} {\"mode\":\"online\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).startsWith("malformed JSON body: ");
        }

        @Test
        void anEmptyBodyIs400() {
            Reply reply = client.post("/instruments/BTC%2FUSD/status", null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("error").asText())
                    .isEqualTo("empty request body; expected a JSON object like {\"status\":\"...\"}");
        }

        @Test
        void aMissingOrNonStringFieldIs400() {
            for (String body : List.of("{}", "[]", "\"post_only\"", "{\"mode\":5}", "{\"mode\":\" \"}",
                    "{\"mode\":null}", "{\"Mode\":\"post_only\"}")) {
                Reply reply = client.post("/trading-mode", body);

                assertThat(reply.status()).as(body).isEqualTo(400);
                assertThat(reply.json().get("error").asText()).as(body).startsWith(
                        "body must be a JSON object with a non-empty string field \"mode\"");
            }
            assertThat(venue.callThreads).isEmpty();
        }

        @Test
        void aBodyOverTheLimitIs413() {
            String huge = "{\"mode\":\"" + "x".repeat(AdminRoutes.MAX_BODY_BYTES) + "\"}";

            Reply reply = client.post("/trading-mode", huge);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.json().get("error").asText()).isEqualTo("request body larger than 65536 bytes");
        }
    }

    @Nested
    class Metrics {

        @Test
        void scrapesThePrometheusRegistry() {
            metrics.messageReceived("CLIENT1", "D");
            metrics.messageReceived("CLIENT1", "D");
            metrics.messageSent("CLIENT1", "8");
            metrics.businessReject("CLIENT1", "unknown_symbol");
            metrics.orderAccepted(Market.SPOT, OrdType.LIMIT);
            metrics.fill(Market.SPOT);
            metrics.cancel(Market.SPOT, "cod");
            metrics.logonAccepted("CLIENT1");
            metrics.forcedDisconnect("CLIENT1", "heartbeat_timeout");
            metrics.sessionsLoggedOn().set(3);

            Reply reply = client.get("/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(reply.body().lines()).contains(
                    "venue_messages_received_total{msg_type=\"D\",session=\"CLIENT1\"} 2.0",
                    "venue_messages_sent_total{msg_type=\"8\",session=\"CLIENT1\"} 1.0",
                    "venue_rejects_total{kind=\"business\",reason=\"unknown_symbol\",session=\"CLIENT1\"} 1.0",
                    "venue_orders_total{market=\"spot\",ord_type=\"limit\"} 1.0",
                    "venue_fills_total{market=\"spot\"} 1.0",
                    "venue_cancels_total{market=\"spot\",reason=\"cod\"} 1.0",
                    "venue_logons_total{result=\"accepted\",session=\"CLIENT1\"} 1.0",
                    "venue_forced_disconnects_total{reason=\"heartbeat_timeout\",session=\"CLIENT1\"} 1.0",
                    "venue_sessions_logged_on 3.0");
            assertThat(reply.body()).contains("# TYPE venue_messages_received_total counter",
                    "# TYPE venue_sessions_logged_on gauge");
        }
    }

    @Nested
    class Errors {

        @Test
        void anUnknownPathIs404Json() {
            for (String path : List.of("/", "/nope", "/state/extra", "/instruments/BTC%2FUSD", "/STATE",
                    "/instruments%2FBTC%2FUSD%2Fstatus", "/health%2F")) {
                Reply reply = client.get(path);

                assertThat(reply.status()).as(path).isEqualTo(404);
                assertThat(reply.contentType()).as(path).isEqualTo("application/json");
                assertThat(reply.json().get("error").asText()).as(path).isEqualTo("no route for GET " + path);
            }
        }

        @Test
        void theQueryStringIsIgnoredForRouting() {
            assertThat(client.get("/health?verbose=true").status()).isEqualTo(200);
        }

        @Test
        void aWrongMethodIs405WithAllow() {
            record Case(HttpMethod method, String path, String allow) {
            }
            for (Case c : List.of(new Case(HttpMethod.GET, "/rollover", "POST"),
                    new Case(HttpMethod.POST, "/state", "GET"),
                    new Case(HttpMethod.DELETE, "/health", "GET"),
                    new Case(HttpMethod.PUT, "/metrics", "GET"),
                    new Case(HttpMethod.GET, "/trading-mode", "POST"),
                    new Case(HttpMethod.GET, "/instruments/BTC%2FUSD/status", "POST"))) {
                Reply reply = client.send(c.method(), c.path(), null);

                assertThat(reply.status()).as(c.toString()).isEqualTo(405);
                assertThat(reply.headers().get(HttpHeaderNames.ALLOW)).as(c.toString()).isEqualTo(c.allow());
                assertThat(reply.json().get("error").asText()).as(c.toString())
                        .isEqualTo("method " + c.method().name() + " not allowed; use " + c.allow());
            }
            assertThat(venue.callThreads).isEmpty();
        }
    }

    @Test
    void fiftyConcurrentRequestsAllSucceed() {
        List<Reply> replies = Flux.range(0, 50)
                .flatMap(i -> switch (i % 5) {
                    case 0 -> client.sendAsync(HttpMethod.GET, "/state", null);
                    case 1 -> client.sendAsync(HttpMethod.GET, "/metrics", null);
                    case 2 -> client.sendAsync(HttpMethod.GET, "/health", null);
                    case 3 -> client.sendAsync(HttpMethod.POST, "/rollover", null);
                    default -> client.sendAsync(HttpMethod.POST, "/instruments/ETH%2FUSD/status",
                            "{\"status\":\"limit_only\"}");
                }, 50)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(replies).hasSize(50);
        assertThat(replies).filteredOn(r -> r.status() == 202).hasSize(10);
        assertThat(replies).filteredOn(r -> r.status() == 200).hasSize(40);
        assertThat(venue.rollovers).hasValue(10);
        assertThat(venue.instrumentStatus).containsEntry("ETH/USD", "limit_only");
    }

    @Nested
    class Lifecycle {

        @Test
        void closeIsIdempotentAndStopsListening() {
            int port = server.port();

            server.close();
            server.close();

            assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
        }

        @Test
        void aTakenPortFailsToStartAndLeavesNothingRunning() {
            assertThatThrownBy(() -> AdminServer.start(HOST, server.port(), venue, metrics.registry()))
                    .isInstanceOf(RuntimeException.class);
            // The leak check after this test fails it if the failed start left an event loop behind.
        }

        @Test
        void aPortOutOfRangeIsRefused() {
            assertThatThrownBy(() -> AdminServer.start(HOST, 65_536, venue, metrics.registry()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("admin port 65536 is outside 0..65535");
        }

        @Test
        void closeLetsARequestInFlightFinish() throws Exception {
            CountDownLatch gate = new CountDownLatch(1);
            venue.stateGate = gate;
            CompletableFuture<Reply> inFlight =
                    client.sendAsync(HttpMethod.GET, "/state", null).toFuture();
            assertThat(venue.stateEntered.await(10, TimeUnit.SECONDS)).isTrue();

            int port = server.port();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            // Once the port refuses connections, close() has begun and is waiting for the request.
            await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                    .until(() -> refusesConnections(port));
            assertThat(closing).isNotDone();
            gate.countDown();

            assertThat(inFlight.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            closing.get(15, TimeUnit.SECONDS);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2_000);
        }
    }

    private static boolean refusesConnections(int port) {
        try {
            connect(port);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Writes a request as raw bytes and reads the answer until the server closes the connection. */
    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, server.port()), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
