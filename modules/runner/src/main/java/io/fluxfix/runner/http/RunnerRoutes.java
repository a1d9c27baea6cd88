package io.fluxfix.runner.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fluxfix.runner.hooks.AdminActions;
import io.fluxfix.runner.hooks.Views;
import io.fluxfix.runner.run.Runner;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The runner's routes:
 * <ul>
 *   <li>{@code GET /metrics} — Prometheus text (every FluxFix series {@code fluxfix_*}, plus the JVM's);</li>
 *   <li>{@code GET /health} — 200 {@code {"ready":true}} when ready, else 503 with the reasons;</li>
 *   <li>{@code GET /api/state} — everything below in one object; {@code /api/sessions}, {@code /api/market-data},
 *       {@code /api/books}, {@code /api/orders}, {@code /api/positions}, {@code /api/strategies},
 *       {@code /api/rate-limits}, {@code /api/events} — one part each (a list; empty while its provider is not
 *       wired);</li>
 *   <li>{@code GET /api/stream} — server-sent events, one {@code state} event per push interval;</li>
 *   <li>{@code GET /status} — the live page for a person ({@code GET /} redirects there);</li>
 *   <li>{@code POST /api/admin/kill-switch?state=off|no-new-orders|halt}, {@code POST /api/admin/cancel-all},
 *       {@code POST /api/admin/strategies/ID/pause|resume} — need {@code Authorization: Bearer TOKEN} with the
 *       token from the environment: 403 when no token is configured, 401 for a wrong one, 503 while the
 *       order sink or the strategies are not wired.</li>
 * </ul>
 */
final class RunnerRoutes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerRoutes.class);

    static final String STATUS_PAGE = "status.html";
    private static final String JSON = "application/json";

    private final Runner runner;
    private final Duration pushInterval;
    private final ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final byte[] statusPage;
    private final Sinks.Empty<Void> closing = Sinks.empty();

    RunnerRoutes(Runner runner, Duration pushInterval) {
        this.runner = runner;
        this.pushInterval = pushInterval;
        this.statusPage = resource(STATUS_PAGE);
    }

    private static byte[] resource(String name) {
        try (InputStream in = RunnerRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: a broken build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Publisher<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        try {
            if (path.startsWith("/api/admin/")) {
                if (req.method() != HttpMethod.POST) {
                    return text(res, HttpResponseStatus.METHOD_NOT_ALLOWED, "admin actions are POST\n");
                }
                return admin(req, res, path.substring("/api/admin/".length()), uri.parameters());
            }
            if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
                return text(res, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only\n");
            }
            switch (path) {
                case "/":
                    return res.status(HttpResponseStatus.FOUND).header(HttpHeaderNames.LOCATION, "/status").send();
                case "/status":
                    return res.header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                            .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                            .sendByteArray(Mono.just(statusPage)).then();
                case "/metrics":
                    return res.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                            .sendString(Mono.fromCallable(() -> runner.registry().scrape())
                                    .subscribeOn(Schedulers.boundedElastic())).then();
                case "/health":
                    return health(res);
                case "/api/state":
                    return json(res, HttpResponseStatus.OK, this::state);
                case "/api/sessions":
                    return json(res, HttpResponseStatus.OK, this::sessions);
                case "/api/market-data":
                    return json(res, HttpResponseStatus.OK, () -> runner.live().marketData());
                case "/api/books":
                    return json(res, HttpResponseStatus.OK, () -> books());
                case "/api/orders":
                    return json(res, HttpResponseStatus.OK, () -> orders());
                case "/api/positions":
                    return json(res, HttpResponseStatus.OK, () -> positions());
                case "/api/strategies":
                    return json(res, HttpResponseStatus.OK, () -> strategies());
                case "/api/rate-limits":
                    return json(res, HttpResponseStatus.OK, () -> rateLimits());
                case "/api/events":
                    return json(res, HttpResponseStatus.OK, () -> runner.live().lastEvents());
                case "/api/stream":
                    return stream(res);
                default:
                    return text(res, HttpResponseStatus.NOT_FOUND, "no such path: " + path + "\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} {} failed: {}", req.method(), path, e.toString());
            return text(res, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e + "\n");
        }
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    private Publisher<Void> health(HttpServerResponse res) {
        List<String> reasons = runner.notReady();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", reasons.isEmpty());
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        return json(res, reasons.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                () -> body);
    }

    private List<Map<String, Object>> sessions() {
        Map<String, Boolean> loggedOn = new LinkedHashMap<>();
        runner.sessions().forEach(s -> loggedOn.put(s.name(), s.isLoggedOn()));
        return runner.live().sessions().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("endpoint", s.endpoint());
            m.put("loggedOn", loggedOn.getOrDefault(s.name(), false));
            m.put("state", s.state());
            m.put("since", s.since());
            m.put("detail", s.detail());
            return m;
        }).toList();
    }

    private List<Views.Book> books() {
        return runner.hooks().books().map(p -> p.books()).orElse(List.of());
    }

    private List<Views.OpenOrder> orders() {
        return runner.hooks().openOrders().map(p -> p.openOrders()).orElse(List.of());
    }

    private List<Views.Position> positions() {
        return runner.hooks().positions().map(p -> p.positions()).orElse(List.of());
    }

    private List<Object> strategies() {
        if (runner.hooks().strategies().isPresent()) {
            return List.copyOf(runner.hooks().strategies().get().strategies());
        }
        // Until the strategy module is wired: the configured strategies, and that they do not run.
        return runner.config().strategies().stream().<Object>map(s -> new Views.Strategy(s.id(), s.strategy(),
                runner.strategiesNotRunning().contains(s.id()) ? "no implementation registered" : "running",
                s.symbols(), Map.of())).toList();
    }

    private List<Views.RateLimit> rateLimits() {
        return runner.hooks().rateLimits().map(p -> p.rateLimits()).orElse(List.of());
    }

    /** Everything the status page shows; {@code wired} says which providers are plugged in. */
    private Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> reasons = runner.notReady();
        m.put("time", Instant.now().toString());
        m.put("ready", reasons.isEmpty());
        m.put("reasons", reasons);
        m.put("sessions", sessions());
        m.put("marketData", runner.live().marketData());
        m.put("books", books());
        m.put("orders", orders());
        m.put("positions", positions());
        m.put("strategies", strategies());
        m.put("rateLimits", rateLimits());
        m.put("killSwitch", runner.hooks().orderControl().map(c -> enumText(c.killSwitch())).orElse(null));
        m.put("events", runner.live().lastEvents());
        Map<String, Boolean> wired = new LinkedHashMap<>();
        wired.put("books", runner.hooks().books().isPresent());
        wired.put("orders", runner.hooks().openOrders().isPresent());
        wired.put("positions", runner.hooks().positions().isPresent());
        wired.put("strategies", runner.hooks().strategies().isPresent());
        wired.put("rateLimits", runner.hooks().rateLimits().isPresent());
        wired.put("orderControl", runner.hooks().orderControl().isPresent());
        wired.put("strategyControl", runner.hooks().strategyControl().isPresent());
        m.put("wired", wired);
        return m;
    }

    private Publisher<Void> stream(HttpServerResponse res) {
        Flux<String> events = Flux.interval(Duration.ZERO, pushInterval)
                .onBackpressureDrop()
                .concatMap(i -> Mono.fromCallable(() -> "event: state\ndata: " + write(state()) + "\n\n")
                        .subscribeOn(Schedulers.boundedElastic()), 1)
                .takeUntilOther(closing.asMono());
        return res.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(events, StandardCharsets.UTF_8).then();
    }

    // ---- admin ----------------------------------------------------------------------------------------------

    private Publisher<Void> admin(HttpServerRequest req, HttpServerResponse res, String action,
                                  Map<String, List<String>> params) {
        Optional<String> token = runner.adminToken();
        if (token.isEmpty()) {
            return text(res, HttpResponseStatus.FORBIDDEN, "admin actions are off: set "
                    + runner.config().adminTokenEnv() + " in the runner's environment\n");
        }
        String auth = req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION, "");
        String given = auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.get().getBytes(StandardCharsets.UTF_8))) {
            LOG.warn("admin action {} refused: bad or missing token", action);
            return res.status(HttpResponseStatus.UNAUTHORIZED)
                    .header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer")
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .sendString(Mono.just("admin actions need Authorization: Bearer <token>\n")).then();
        }
        Mono<String> result;
        if (action.equals("kill-switch")) {
            String state = params.getOrDefault("state", List.of("")).get(0);
            AdminActions.KillSwitchState s;
            try {
                s = AdminActions.KillSwitchState.valueOf(state.trim().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return text(res, HttpResponseStatus.BAD_REQUEST,
                        "state must be one of off, no-new-orders, halt; got '" + state + "'\n");
            }
            result = runner.hooks().orderControl().map(c -> c.setKillSwitch(s)).orElse(null);
        } else if (action.equals("cancel-all")) {
            result = runner.hooks().orderControl().map(AdminActions.OrderControl::cancelAll).orElse(null);
        } else if (action.startsWith("strategies/") && (action.endsWith("/pause") || action.endsWith("/resume"))) {
            String id = action.substring("strategies/".length(), action.lastIndexOf('/'));
            boolean pause = action.endsWith("/pause");
            if (runner.config().strategies().stream().noneMatch(s -> s.id().equals(id))) {
                return text(res, HttpResponseStatus.NOT_FOUND, "no strategy '" + id + "'\n");
            }
            result = runner.hooks().strategyControl().map(c -> pause ? c.pause(id) : c.resume(id)).orElse(null);
        } else {
            return text(res, HttpResponseStatus.NOT_FOUND, "no admin action '" + action + "'\n");
        }
        if (result == null) {
            return text(res, HttpResponseStatus.SERVICE_UNAVAILABLE, "not wired: " + action
                    + " needs the " + (action.startsWith("strategies/") ? "strategy module" : "order sink") + "\n");
        }
        LOG.info("admin action {}", action);
        return result.map(ok -> new Answer(HttpResponseStatus.OK, ok))
                .onErrorResume(IllegalArgumentException.class,
                        e -> Mono.just(new Answer(HttpResponseStatus.BAD_REQUEST, e.getMessage())))
                .onErrorResume(IllegalStateException.class,
                        e -> Mono.just(new Answer(HttpResponseStatus.CONFLICT, e.getMessage())))
                .onErrorResume(e -> Mono.just(new Answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString())))
                .flatMap(a -> Mono.from(text(res, a.status, a.text + "\n")));
    }

    private record Answer(HttpResponseStatus status, String text) {
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String enumText(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String write(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Publisher<Void> json(HttpServerResponse res, HttpResponseStatus status, Supplier<Object> body) {
        return res.status(status).header(HttpHeaderNames.CONTENT_TYPE, JSON)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(Mono.fromCallable(() -> write(body.get()) + "\n")).then();
    }

    private static Publisher<Void> text(HttpServerResponse res, HttpResponseStatus status, String body) {
        return res.status(status).header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .sendString(Mono.just(body)).then();
    }

    /** Ends every open event stream, so the server's close does not wait for them. */
    @Override
    public void close() {
        closing.tryEmitEmpty();
    }
}
