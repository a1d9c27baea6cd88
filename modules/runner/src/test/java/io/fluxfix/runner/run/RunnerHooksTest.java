package io.fluxfix.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.config.YamlConfig;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.runner.RawHttp;
import io.fluxfix.runner.hooks.AdminActions;
import io.fluxfix.runner.hooks.Providers;
import io.fluxfix.runner.hooks.RunnerHooks;
import io.fluxfix.runner.hooks.Views;
import io.fluxfix.testkit.net.FreePorts;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner in-process with every hook wired to a fake, as the book, order-sink and strategy modules will wire
 * theirs: readiness checks reach {@code /health}, providers reach {@code /api/*}, admin actions reach their
 * controls with the token, a registered strategy is validated, started and stopped. Its one market-data session
 * points at a port nobody listens on, so the runner is never ready and says why.
 */
class RunnerHooksTest {

    static final String TOKEN = "hooks-test-token";
    /** Test values only (base64 of "hooks-secret"): the trading session never reaches a venue. */
    static final Map<String, String> CREDENTIALS = Map.of("KRAKEN_FIX_API_KEY", "hooks-key",
            "KRAKEN_FIX_API_SECRET", "aG9va3Mtc2VjcmV0");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String yaml(String params) {
        int closedPort = FreePorts.venueBase();
        return """
                journal:
                  dir: %s
                fix-store:
                  dir: %s
                sessions:
                  md:
                    endpoint: spot-market-data
                    port: %d
                    sender-comp-id: HOOKS
                    reconnect-interval: 1s
                    tls:
                      enabled: false
                  trd:
                    endpoint: spot-trading
                    port: %d
                    sender-comp-id: HOOKS
                    reconnect-interval: 1s
                    tls:
                      enabled: false
                strategies:
                  q1:
                    strategy: quoter
                    symbols: [BTC/USD]
                %s
                http:
                  port: 0
                """.formatted(dir.resolve("journal"), dir.resolve("store"), closedPort, closedPort + 1, params);
    }

    /** A quoter that needs a {@code spread} parameter and records its life. */
    static final class FakeQuoter implements StrategyRegistry.Implementation {
        final AtomicReference<StrategySpec> started = new AtomicReference<>();
        final AtomicBoolean stopped = new AtomicBoolean();

        @Override
        public void validate(StrategySpec spec) {
            if (!spec.params().containsKey("spread")) {
                throw new ConfigException(spec.paramsSource().origin(), spec.paramsSource().fullKey("spread"),
                        "required but not set");
            }
        }

        @Override
        public StrategyRegistry.Running start(StrategySpec spec, Trading trading) {
            started.set(spec);
            return () -> stopped.set(true);
        }
    }

    static final class FakeOrders implements AdminActions.OrderControl {
        volatile AdminActions.KillSwitchState state = AdminActions.KillSwitchState.OFF;

        @Override
        public AdminActions.KillSwitchState killSwitch() {
            return state;
        }

        @Override
        public Mono<String> setKillSwitch(AdminActions.KillSwitchState s) {
            if (s == AdminActions.KillSwitchState.HALT) {
                return Mono.error(new IllegalStateException("already halting"));
            }
            state = s;
            return Mono.just("kill switch " + s);
        }

        @Override
        public Mono<String> cancelAll() {
            return Mono.just("cancelled 3 orders");
        }
    }

    @Test
    void aRegisteredStrategyValidatesItsParameters() {
        StrategyRegistry registry = StrategyRegistry.declared().implement("quoter", new FakeQuoter());
        assertThatThrownBy(() -> RunnerConfig.read(YamlConfig.parse("hooks.yaml", yaml("")), registry))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hooks.yaml: strategies.q1.params.spread: required but not set");
    }

    @Test
    void hooksReachHealthApiAndAdmin() throws Exception {
        FakeQuoter quoter = new FakeQuoter();
        StrategyRegistry registry = StrategyRegistry.declared().implement("quoter", quoter);
        RunnerConfig config = RunnerConfig.read(YamlConfig.parse("hooks.yaml",
                yaml("    params:\n      spread: 0.001")), registry);
        FakeOrders orders = new FakeOrders();
        List<String> paused = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunnerHooks hooks = new RunnerHooks()
                .books(() -> List.of(new Views.Book("BTC/USD", new Views.Level("84000.1", "0.5"),
                        new Views.Level("84000.2", "1.25"), List.of(new Views.Level("84000.1", "0.5")),
                        List.of(new Views.Level("84000.2", "1.25")), "2026-01-01T00:00:00Z", false)))
                .readiness(new Providers.ReadinessCheck() {
                    @Override
                    public String name() {
                        return "books fresh";
                    }

                    @Override
                    public Optional<String> notReady() {
                        return Optional.of("book BTC/USD stale");
                    }
                })
                .orderControl(orders)
                .strategyControl(new AdminActions.StrategyControl() {
                    @Override
                    public Mono<String> pause(String id) {
                        paused.add(id);
                        return Mono.just("paused " + id);
                    }

                    @Override
                    public Mono<String> resume(String id) {
                        return Mono.just("resumed " + id);
                    }
                });
        int port;
        try (Runner runner = Runner.start(config, new Runner.Options(with(CREDENTIALS, "FLUXFIX_ADMIN_TOKEN", TOKEN),
                InstantSource.system(), hooks, registry))) {
            port = runner.httpPort();
            assertThat(quoter.started.get().params()).containsEntry("spread", "0.001");
            assertThat(runner.strategiesNotRunning()).isEmpty();

            RawHttp.Response health = request(port, "GET /health", "");
            assertThat(health.status()).isEqualTo(503);
            JsonNode h = JSON.readTree(health.body());
            assertThat(h.path("ready").asBoolean()).isFalse();
            assertThat(h.path("reasons").toString()).contains("session md not logged on")
                    .contains("session trd not logged on")
                    .contains("books fresh: book BTC/USD stale");

            JsonNode books = JSON.readTree(request(port, "GET /api/books", "").body());
            assertThat(books.get(0).path("bestAsk").path("price").asText()).isEqualTo("84000.2");
            assertThat(books.get(0).path("fresh").asBoolean()).isFalse();
            JsonNode state = JSON.readTree(request(port, "GET /api/state", "").body());
            assertThat(state.path("wired").path("books").asBoolean()).isTrue();
            assertThat(state.path("killSwitch").asText()).isEqualTo("off");

            assertThat(request(port, "POST /api/admin/cancel-all", auth(TOKEN)).body()).isEqualTo("cancelled 3 orders\n");
            RawHttp.Response noNew = request(port, "POST /api/admin/kill-switch?state=no-new-orders", auth(TOKEN));
            assertThat(noNew.status()).isEqualTo(200);
            assertThat(orders.state).isEqualTo(AdminActions.KillSwitchState.NO_NEW_ORDERS);
            RawHttp.Response halt = request(port, "POST /api/admin/kill-switch?state=halt", auth(TOKEN));
            assertThat(halt.status()).isEqualTo(409);
            assertThat(halt.body()).isEqualTo("already halting\n");
            assertThat(request(port, "POST /api/admin/strategies/q1/pause", auth(TOKEN)).status()).isEqualTo(200);
            assertThat(paused).containsExactly("q1");
            assertThat(request(port, "POST /api/admin/cancel-all", auth("not-" + TOKEN)).status()).isEqualTo(401);
        }
        assertThat(quoter.stopped).as("close stops the strategies").isTrue();
        assertThatThrownBy(() -> request(port, "GET /health", "")).as("HTTP stopped")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void withoutATokenAdminActionsAreOff() throws Exception {
        RunnerConfig config = RunnerConfig.read(YamlConfig.parse("hooks.yaml", yaml("")), StrategyRegistry.declared());
        try (Runner runner = Runner.start(config, new Runner.Options(CREDENTIALS, InstantSource.system(),
                new RunnerHooks(), StrategyRegistry.declared()))) {
            RawHttp.Response r = request(runner.httpPort(), "POST /api/admin/cancel-all", auth("anything"));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.body()).contains("set FLUXFIX_ADMIN_TOKEN");
            assertThat(runner.strategiesNotRunning()).containsExactly("q1");
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static String auth(String token) {
        return "Authorization: Bearer " + token + "\r\nContent-Length: 0\r\n";
    }

    private static RawHttp.Response request(int port, String line, String headers) throws IOException {
        return RawHttp.request(port, line, headers);
    }
}
