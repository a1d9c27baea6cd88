package io.fluxfix.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.journal.JournalReader;
import io.fluxfix.journal.JournalRecord;
import io.fluxfix.journal.RecordType;
import io.fluxfix.journal.ReplayFilter;
import io.fluxfix.runner.FluxfixProcess.Result;
import io.fluxfix.testkit.net.FreePorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/fluxfix run} as an operator runs it: a child JVM started through the launcher (the jar
 * {@code package} just built) with a runner file like {@code config/local.yaml} but on free ports and a temporary
 * data directory — the embedded local venue with its synthetic market, Spot trading and L2 market data over TLS,
 * the journal, the books, the order sink, the quoter trading BTC/USD and ETH/USD, and HTTP on an ephemeral port.
 * One runner serves the HTTP and status-page tests (the admin test, which pauses the quoter and halts trading,
 * runs last); the shutdown test starts its own, so SIGTERM can be checked from start to exit code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnerIT {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern STATUS_URL = Pattern.compile("status page: http://127\\.0\\.0\\.1:(\\d+)/status");
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static FluxfixProcess runner;
    static int http;

    @BeforeAll
    static void startRunner() throws IOException {
        runner = startRunner(shared, Map.of("FLUXFIX_ADMIN_TOKEN", ADMIN_TOKEN));
        http = httpPort(runner);
    }

    @AfterAll
    static void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    /** Writes the runner file into {@code dir} (data under {@code dir/data}) and starts the runner there. */
    static FluxfixProcess startRunner(Path dir, Map<String, String> env) throws IOException {
        int base = FreePorts.venueBase();
        Path venueFile = Files.writeString(dir.resolve("venue-local.yaml"), RealClockConfig.venueLocal(), UTF_8);
        String local = RealClockConfig.local()
                .replace("port-base: 4000", "port-base: " + base)
                .replace("  port: 8080", "  port: 0")
                .replace("config: venue-local.yaml", "config: " + venueFile);
        assertThat(local).contains("port-base: " + base).contains("  port: 0").contains("config: " + venueFile);
        Path file = Files.writeString(dir.resolve("runner.yaml"), local, UTF_8);
        FluxfixProcess p = FluxfixProcess.start(FluxfixProcess.LAUNCHER, dir, env, "run", "--config", file.toString());
        p.awaitStdout(l -> l.startsWith("Started."), START);
        return p;
    }

    static int httpPort(FluxfixProcess p) {
        Matcher m = STATUS_URL.matcher(p.awaitStdout(l -> STATUS_URL.matcher(l).find(), WAIT));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static void awaitReady(int port) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> get(port, "/health").status() == 200);
    }

    @Test
    void bannerSaysWhatStartedAndWhereToLook() {
        List<String> out = runner.stdout();
        assertThat(String.join("\n", out))
                .contains("embedded local venue: FIX ports 127.0.0.1:")
                .contains("session spot-trading: spot-trading localhost:")
                .contains("session spot-md: spot-market-data localhost:")
                .contains("journal: " + shared.resolve("data/journal"))
                .contains("strategy quoter: quoter on BTC/USD, ETH/USD")
                .doesNotContain("not trading")
                .contains("status page: http://127.0.0.1:" + http + "/status");
        assertThat(String.join("\n", runner.stderr()))
                .doesNotContain("no strategy implementation is registered");
    }

    @Test
    void healthTurnsReadyOnceBothSessionsAreLoggedOn() throws IOException {
        awaitReady(http);

        RawHttp.Response health = get(http, "/health");
        assertThat(health.header("content-type")).startsWith("application/json");
        assertThat(JSON.readTree(health.body()).path("ready").asBoolean()).isTrue();
        JsonNode sessions = JSON.readTree(get(http, "/api/sessions").body());
        assertThat(sessions).hasSize(2);
        for (JsonNode s : sessions) {
            assertThat(s.path("loggedOn").asBoolean()).as("%s", s).isTrue();
            assertThat(s.path("state").asText()).isEqualTo("LoggedOn");
        }
    }

    @Test
    void metricsExposeTheFluxFixFamiliesAndTheJvm() throws IOException {
        awaitReady(http);
        await().atMost(WAIT).until(() -> sample(get(http, "/metrics").body(),
                "fluxfix_market_data_events_total{session=\"spot-md\",symbol=\"BTC/USD\"}") > 0);
        // the rate counter of a pair appears with the quoter's first order on it
        await().atMost(WAIT).until(() -> get(http, "/metrics").body().contains("fluxfix_orders_spot_counter{pair="));

        RawHttp.Response metrics = get(http, "/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("content-type")).startsWith("text/plain; version=0.0.4");
        Set<String> families = metrics.body().lines().filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2]).collect(Collectors.toSet());
        assertThat(families).contains("fluxfix_session_logged_on", "fluxfix_session_logons_total",
                "fluxfix_session_reconnect_attempts_total", "fluxfix_session_buffer_alarms_total",
                "fluxfix_journal_appends_total", "fluxfix_journal_append_failures_total",
                "fluxfix_events_received_total", "fluxfix_market_data_events_total",
                "fluxfix_runner_ready", "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
                // books: checksum results, resyncs, conflation, staleness
                "fluxfix_book_checksum_verified_total", "fluxfix_book_checksum_mismatches_total",
                "fluxfix_book_resync_requests_total", "fluxfix_book_conflated_total", "fluxfix_book_stale_total",
                // the order sink: orders by state, rate counters, rejects by reason, the kill switch
                "fluxfix_orders_by_state", "fluxfix_orders_spot_counter", "fluxfix_orders_local_refusals_total",
                "fluxfix_orders_kill_switch",
                // positions and PnL, the strategies' commands
                "fluxfix_position", "fluxfix_pnl", "fluxfix_strategy_commands_total");
        assertThat(families.stream().filter(f -> !f.startsWith("fluxfix_") && !f.startsWith("jvm_")
                && !f.startsWith("process_") && !f.startsWith("system_")))
                .as("every series is FluxFix's (prefixed) or a standard JVM binder's").isEmpty();
        // the Grafana dashboard in docs/ charts only series the runner exposes (the conflation counter appears
        // at the first conflation, per symbol)
        Matcher referenced = Pattern.compile("\\b((?:fluxfix|jvm|process)_[a-z_]+)").matcher(
                Files.readString(FluxfixProcess.ROOT.resolve("docs/grafana-dashboard.json"), UTF_8));
        Set<String> series = metrics.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("[{ ]")[0]).collect(Collectors.toSet());
        while (referenced.find()) {
            String name = referenced.group(1);
            if (!name.equals("fluxfix_session_market_data_conflated_total")) {
                assertThat(series).as("series charted in docs/grafana-dashboard.json").contains(name);
            }
        }
        assertThat(sample(metrics.body(), "fluxfix_session_logged_on{session=\"spot-trading\"}")).isEqualTo(1);
        assertThat(sample(metrics.body(), "fluxfix_session_logged_on{session=\"spot-md\"}")).isEqualTo(1);
        assertThat(sample(metrics.body(), "fluxfix_runner_ready")).isEqualTo(1);
        assertThat(sample(metrics.body(), "fluxfix_journal_appends_total{direction=\"in\"}")).isPositive();
        assertThat(sample(metrics.body(), "fluxfix_book_checksum_verified_total")).isPositive();
        assertThat(sample(metrics.body(), "fluxfix_book_checksum_mismatches_total")).isZero();
        assertThat(sample(metrics.body(), "fluxfix_pnl{kind=\"realised\",symbol=\"BTC/USD\"}")).isNotNaN();
    }

    @Test
    void theQuoterTradesBothSidesAndTheApiShowsBooksOrdersAndItsState() throws IOException {
        awaitReady(http);

        // post-only quotes on both sides of at least one symbol, placed by the quoter on the local venue
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> bothSidesQuoted(openOrders(http)));
        JsonNode orders = openOrders(http);
        for (JsonNode o : orders) {
            assertThat(o.path("strategy").asText()).as("%s", o).isEqualTo("quoter");
            assertThat(o.path("symbol").asText()).isIn("BTC/USD", "ETH/USD");
        }
        assertThat(orders).as("acknowledged by the venue").anyMatch(o -> !o.path("orderId").asText().isEmpty());

        JsonNode books = JSON.readTree(get(http, "/api/books").body());
        assertThat(books).hasSize(2);
        for (JsonNode b : books) {
            assertThat(b.path("fresh").asBoolean()).as("%s", b.path("symbol")).isTrue();
            assertThat(new java.math.BigDecimal(b.path("bestBid").path("price").asText()))
                    .isLessThan(new java.math.BigDecimal(b.path("bestAsk").path("price").asText()));
            assertThat(b.path("bids").size()).isPositive();
        }
        JsonNode strategies = JSON.readTree(get(http, "/api/strategies").body());
        assertThat(strategies).hasSize(1);
        assertThat(strategies.get(0).path("state").asText()).isEqualTo("running");
        JsonNode positions = JSON.readTree(get(http, "/api/positions").body());
        assertThat(positions).extracting(p -> p.path("symbol").asText()).contains("BTC/USD", "ETH/USD");
        JsonNode limits = JSON.readTree(get(http, "/api/rate-limits").body());
        assertThat(limits).isNotEmpty();
        assertThat(limits.get(0).path("limit").asDouble()).as("the Starter tier's threshold").isEqualTo(60.0);
        JsonNode state = JSON.readTree(get(http, "/api/state").body());
        assertThat(state.path("wired").path("books").asBoolean()).isTrue();
        assertThat(state.path("wired").path("orderControl").asBoolean()).isTrue();
        assertThat(state.path("killSwitch").asText()).isEqualTo("off");
        assertThat(state.path("events")).isNotEmpty();
        assertThat(get(http, "/nope").status()).isEqualTo(404);
        await().atMost(WAIT).until(() -> sample(get(http, "/metrics").body(),
                "fluxfix_strategy_commands_total{outcome=\"sent\",strategy=\"quoter\"}") >= 2);
    }

    static JsonNode openOrders(int port) throws IOException {
        return JSON.readTree(get(port, "/api/orders").body());
    }

    /** Some symbol has an open buy and an open sell. */
    static boolean bothSidesQuoted(JsonNode orders) {
        Map<String, Set<String>> sides = new java.util.HashMap<>();
        for (JsonNode o : orders) {
            sides.computeIfAbsent(o.path("symbol").asText(), k -> new java.util.HashSet<>()).add(o.path("side").asText());
        }
        return sides.values().stream().anyMatch(s -> s.containsAll(List.of("buy", "sell")));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void adminActionsNeedTheTokenPauseTheQuoterAndHaltTrading() throws IOException {
        assertThat(post(http, "/api/admin/cancel-all", null).status()).isEqualTo(401);
        assertThat(post(http, "/api/admin/cancel-all", "wrong-token").status()).isEqualTo(401);
        assertThat(post(http, "/api/admin/kill-switch?state=maybe", ADMIN_TOKEN).status()).isEqualTo(400);
        assertThat(post(http, "/api/admin/strategies/nobody/pause", ADMIN_TOKEN).status()).isEqualTo(404);
        assertThat(get(http, "/api/admin/cancel-all").status()).isEqualTo(405);
        awaitReady(http);
        await().atMost(WAIT).until(() -> bothSidesQuoted(openOrders(http)));

        // pausing the quoter cancels its orders and keeps it from placing new ones
        RawHttp.Response paused = post(http, "/api/admin/strategies/quoter/pause", ADMIN_TOKEN);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> openOrders(http).isEmpty());
        assertThat(JSON.readTree(get(http, "/api/strategies").body()).get(0).path("state").asText())
                .isEqualTo("paused");
        assertThat(post(http, "/api/admin/strategies/quoter/resume", ADMIN_TOKEN).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> bothSidesQuoted(openOrders(http)));

        // cancel all: a mass cancel through the sink; the quoter, still running, quotes again afterwards
        RawHttp.Response cancelAll = post(http, "/api/admin/cancel-all", ADMIN_TOKEN);
        assertThat(cancelAll.status()).as(cancelAll.body()).isEqualTo(200);
        assertThat(cancelAll.body()).contains("spot-trading: sent");

        // HALT: every open order cancelled, nothing new goes out, the state shows it
        RawHttp.Response halt = post(http, "/api/admin/kill-switch?state=halt", ADMIN_TOKEN);
        assertThat(halt.status()).as(halt.body()).isEqualTo(200);
        assertThat(halt.body()).contains("halted");
        await().atMost(WAIT).until(() -> openOrders(http).isEmpty());
        assertThat(JSON.readTree(get(http, "/api/state").body()).path("killSwitch").asText()).isEqualTo("halt");
        await().atMost(WAIT).until(() -> sample(get(http, "/metrics").body(),
                "fluxfix_orders_local_refusals_total{reason=\"kill-switch\"}") > 0);
        assertThat(sample(get(http, "/metrics").body(), "fluxfix_orders_kill_switch")).isEqualTo(2);
        assertThat(openOrders(http)).as("the quoter's retries are refused while halted").isEmpty();
    }

    @Test
    void statusPageInHeadlessChromiumShowsSessionsAndUpdatesWithoutAReload(@TempDir Path profile)
            throws Exception {
        awaitReady(http);
        try (HeadlessChromium chromium = new HeadlessChromium(profile)) {
            chromium.navigate("http://127.0.0.1:" + http + "/status");
            await().atMost(WAIT).until(() -> chromium.eval("Number(document.getElementById('updates').textContent)")
                    .asInt() >= 1);
            chromium.eval("window.__sameDocument = 'yes'");
            assertThat(chromium.text("document.title")).isEqualTo("FluxFix status");
            assertThat(chromium.text("document.getElementById('health').textContent")).isEqualTo("ready");
            String sessions = chromium.text("document.querySelector('#sessions').innerText");
            assertThat(sessions).contains("spot-trading").contains("spot-md").contains("LoggedOn");
            await().atMost(WAIT).until(() -> chromium.text("document.querySelector('#books').innerText")
                    .contains("BTC/USD") && chromium.text("document.querySelector('#orders').innerText")
                    .contains("quoter"));
            assertThat(chromium.text("document.querySelector('#books').innerText")).contains("ETH/USD");
            assertThat(chromium.text("document.querySelector('#strategies').innerText"))
                    .contains("quoter").contains("running");
            String marketData = chromium.text("document.querySelector('#market-data').innerText");
            assertThat(marketData).contains("BTC/USD").contains("ETH/USD");
            int updates = chromium.eval("Number(document.getElementById('updates').textContent)").asInt();
            String updated = chromium.text("document.getElementById('updated').textContent");

            // the synthetic market keeps trading: new pushes change the page in place
            await().atMost(WAIT).until(() -> chromium.eval("Number(document.getElementById('updates').textContent)")
                    .asInt() >= updates + 2
                    && !chromium.text("document.querySelector('#market-data').innerText").equals(marketData));
            assertThat(chromium.text("document.getElementById('updated').textContent")).isNotEqualTo(updated);
            assertThat(chromium.text("String(window.__sameDocument)")).as("the page was not reloaded").isEqualTo("yes");
            assertThat(chromium.eval("performance.getEntriesByType('navigation').length").asInt()).isEqualTo(1);
            assertThat(chromium.text("[...document.querySelectorAll('section')].filter(s => s.scrollWidth > "
                    + "s.clientWidth + 1).map(s => s.id).join(',')")).as("sections whose content is cut or scrolls "
                    + "sideways at the default window size").isEmpty();
            Files.write(Path.of("target/status-page.png"), chromium.screenshot());
            assertThat(chromium.errors()).as("errors the page logged").isEmpty();
        }
    }

    @Test
    void sigtermLogsOutClosesTheJournalAndExitsZero(@TempDir Path dir) throws Exception {
        try (FluxfixProcess own = startRunner(dir, Map.of())) {
            int port = httpPort(own);
            awaitReady(port);
            // let some market data in, and the quoter quote
            await().atMost(WAIT).until(() -> JSON.readTree(get(port, "/api/market-data").body()).size() == 2);
            await().atMost(WAIT).until(() -> !openOrders(port).isEmpty());

            Result r = own.terminateKeepingOutput(Duration.ofSeconds(30));

            assertThat(r.exitCode()).as("%s", r).isZero();
            assertThat(r.stdout()).contains("FluxFix stopped: sessions logged out, journal closed");
            // (QuickFIX/J's MINA layer logs WriteToClosedSessionException at ERROR when TLS closes after an
            // orderly Logout, on both sides, as in the session tests; FluxFix's own loggers must stay quiet)
            assertThat(r.stderr().lines().filter(l -> l.contains(" ERROR ") && l.contains(" i.f.")))
                    .as("FluxFix errors during shutdown").isEmpty();
            assertThat(r.stderr()).doesNotContain("fluxfix: ");
        }
        List<JournalRecord> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir.resolve("data/journal"))) {
            reader.replay(ReplayFilter.ALL).toIterable().forEach(records::add);
        }
        Set<RecordType> types = records.stream().map(JournalRecord::type).collect(
                Collectors.toCollection(() -> EnumSet.noneOf(RecordType.class)));
        assertThat(types).contains(RecordType.SESSION_EVENT, RecordType.MARKET_DATA_REQUEST,
                RecordType.MARKET_DATA_SNAPSHOT, RecordType.MARKET_DATA_INCREMENTAL, RecordType.INSTRUMENT_LIST,
                RecordType.NEW_ORDER, RecordType.EXECUTION_REPORT);
        assertThat(records.stream().filter(x -> x.type() == RecordType.NEW_ORDER).map(JournalRecord::session))
                .as("the quoter's orders went out on the trading session").containsOnly("spot-trading");
        List<String> sessionEvents = records.stream().filter(x -> x.type() == RecordType.SESSION_EVENT)
                .map(x -> x.session() + " " + x.event().getClass().getSimpleName()).toList();
        assertThat(sessionEvents).contains("spot-trading LoggedOn", "spot-md LoggedOn", "spot-trading LoggedOut",
                "spot-md LoggedOut");
    }

    static RawHttp.Response get(int port, String path) throws IOException {
        return RawHttp.get(port, path);
    }

    static RawHttp.Response post(int port, String path, String token) throws IOException {
        return RawHttp.post(port, path, token);
    }

    /** The value of one Prometheus sample ({@code name{labels}} exactly), 0 when there is none. */
    static double sample(String exposition, String series) {
        for (String l : exposition.split("\n")) {
            if (l.startsWith(series + " ")) {
                return Double.parseDouble(l.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
