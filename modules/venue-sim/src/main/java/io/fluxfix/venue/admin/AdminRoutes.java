package io.fluxfix.venue.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Maps each admin request to one {@link AdminResponse}; see the package documentation for the routes.
 *
 * <p>Every failure becomes an answer here, so the server keeps serving: a refused request is a 4xx with its
 * one-line reason, anything else a 500 whose body names the failed call and the exception in one line (the
 * stack trace goes to the log only). Calls into {@link VenueAdmin}, JSON rendering of the snapshot and the
 * Prometheus scrape run on {@code boundedElastic}, never on the event loop.
 */
final class AdminRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    /** Largest request body accepted; the bodies are one-field JSON objects. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Longest error message returned, so a runaway exception message cannot bloat an answer. */
    static final int MAX_MESSAGE_CHARS = 300;

    private final VenueAdmin admin;
    private final PrometheusMeterRegistry registry;
    private final ObjectMapper json;
    private final AdminResponse healthUp;
    private final AdminResponse rolloverStarted;

    AdminRoutes(VenueAdmin admin, PrometheusMeterRegistry registry, ObjectMapper json) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.json = Objects.requireNonNull(json, "json");
        this.healthUp = jsonResponse(HttpResponseStatus.OK, new Health("UP"));
        this.rolloverStarted = jsonResponse(HttpResponseStatus.ACCEPTED, new RolloverStarted("started"));
    }

    record Health(String status) {
    }

    record RolloverStarted(String rollover) {
    }

    record InstrumentStatusSet(String symbol, String status) {
    }

    record TradingModeSet(String mode) {
    }

    record IndexPriceSet(String symbol, String price) {
    }

    record ErrorBody(String error) {
    }

    /** The reactor-netty handler: always completes after writing exactly one answer. */
    Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return Mono.defer(() -> route(request))
                .onErrorResume(error -> Mono.just(answerFor(request, error)))
                .flatMap(answer -> answer.writeTo(response));
    }

    private Mono<AdminResponse> route(HttpServerRequest request) {
        HttpMethod method = request.method();
        List<String> path = pathSegments(request.uri());
        if (path.size() == 3 && path.get(0).equals("instruments") && path.get(2).equals("status")) {
            requireMethod(method, HttpMethod.POST);
            return setInstrumentStatus(request, path.get(1));
        }
        if (path.size() == 3 && path.get(0).equals("instruments") && path.get(2).equals("index-price")) {
            requireMethod(method, HttpMethod.POST);
            return setIndexPrice(request, path.get(1));
        }
        if (path.size() == 1) {
            switch (path.get(0)) {
                case "health" -> {
                    requireMethod(method, HttpMethod.GET);
                    return Mono.just(healthUp);
                }
                case "state" -> {
                    requireMethod(method, HttpMethod.GET);
                    return callVenue("state()",
                            () -> AdminResponse.json(HttpResponseStatus.OK, json.writeValueAsBytes(admin.state())));
                }
                case "metrics" -> {
                    requireMethod(method, HttpMethod.GET);
                    return callVenue("metrics scrape", () -> AdminResponse.text(
                            HttpResponseStatus.OK, AdminResponse.PROMETHEUS_TEXT, registry.scrape()));
                }
                case "rollover" -> {
                    requireMethod(method, HttpMethod.POST);
                    return callVenue("rolloverNow()", () -> {
                        admin.rolloverNow();
                        return rolloverStarted;
                    });
                }
                case "trading-mode" -> {
                    requireMethod(method, HttpMethod.POST);
                    return setTradingMode(request);
                }
                default -> {
                    // not an admin route; answered below
                }
            }
        }
        throw new AdminRequestException(HttpResponseStatus.NOT_FOUND,
                "no route for " + method.name() + " " + clip(rawPath(request.uri())));
    }

    private Mono<AdminResponse> setInstrumentStatus(HttpServerRequest request, String symbol) {
        return setting(request, "status", "setInstrumentStatus()", status -> admin.setInstrumentStatus(symbol, status),
                status -> new InstrumentStatusSet(symbol, status));
    }

    private Mono<AdminResponse> setIndexPrice(HttpServerRequest request, String symbol) {
        return setting(request, "price", "setIndexPrice()", price -> admin.setIndexPrice(symbol, price),
                price -> new IndexPriceSet(symbol, price));
    }

    private Mono<AdminResponse> setTradingMode(HttpServerRequest request) {
        return setting(request, "mode", "setTradingMode()", admin::setTradingMode, TradingModeSet::new);
    }

    /**
     * A POST that sets one thing from the body's one string field: the venue's IllegalArgumentException is a 400
     * with its message, success a 200 echoing what was set.
     */
    private Mono<AdminResponse> setting(HttpServerRequest request, String field, String operation,
                                        java.util.function.Consumer<String> set,
                                        java.util.function.Function<String, Object> answer) {
        return stringField(request, field).flatMap(value -> callVenue(operation, () -> {
            try {
                set.accept(value);
            } catch (IllegalArgumentException e) {
                throw badRequest(e.getMessage());
            }
            return jsonResponse(HttpResponseStatus.OK, answer.apply(value));
        }));
    }

    /** Runs a possibly blocking call off the event loop; a 4xx it throws stays a 4xx, anything else is a 500. */
    private Mono<AdminResponse> callVenue(String operation, Callable<AdminResponse> call) {
        return Mono.fromCallable(call)
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(error -> !(error instanceof AdminRequestException),
                        error -> Mono.just(internalError(operation, error)));
    }

    /** Reads the body as a JSON object and returns its one string field. */
    private Mono<String> stringField(HttpServerRequest request, String field) {
        String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && tooLarge(declared)) {
            return Mono.error(bodyTooLarge());
        }
        return request.receive().aggregate().asByteArray()
                .defaultIfEmpty(new byte[0])
                .map(body -> {
                    if (body.length > MAX_BODY_BYTES) {
                        throw bodyTooLarge();
                    }
                    String expected = "expected a JSON object like {\"" + field + "\":\"...\"}";
                    if (body.length == 0) {
                        throw badRequest("empty request body; " + expected);
                    }
                    JsonNode node;
                    try {
                        node = json.readTree(body);
                    } catch (JsonProcessingException e) {
                        throw badRequest("malformed JSON body: " + e.getOriginalMessage());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    JsonNode value = node == null || !node.isObject() ? null : node.get(field);
                    if (value == null || !value.isTextual() || value.asText().isBlank()) {
                        throw badRequest("body must be a JSON object with a non-empty string field \"" + field
                                + "\"; " + expected);
                    }
                    return value.asText();
                });
    }

    private AdminResponse answerFor(HttpServerRequest request, Throwable error) {
        if (error instanceof AdminRequestException refused) {
            AdminResponse answer = errorResponse(refused.status(), refused.getMessage());
            return refused.allow() == null ? answer : answer.withAllow(refused.allow());
        }
        return internalError(request.method().name() + " " + clip(rawPath(request.uri())), error);
    }

    private AdminResponse internalError(String operation, Throwable error) {
        LOG.error("Admin endpoint: {} failed", operation, error);
        String message = error.getMessage();
        String cause = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return errorResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, operation + " failed: " + cause);
    }

    private AdminResponse errorResponse(HttpResponseStatus status, String message) {
        return jsonResponse(status, new ErrorBody(oneLine(message)));
    }

    private AdminResponse jsonResponse(HttpResponseStatus status, Object body) {
        try {
            return AdminResponse.json(status, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            // Only our own small records come here; they always serialise.
            throw new UncheckedIOException(e);
        }
    }

    private static void requireMethod(HttpMethod actual, HttpMethod expected) {
        if (!actual.equals(expected)) {
            throw new AdminRequestException(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + actual.name() + " not allowed; use " + expected.name(), expected.name());
        }
    }

    private static AdminRequestException badRequest(String message) {
        return new AdminRequestException(HttpResponseStatus.BAD_REQUEST, oneLine(message));
    }

    private static AdminRequestException bodyTooLarge() {
        return new AdminRequestException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            throw badRequest("invalid Content-Length");
        }
    }

    /** The path of a request target, without query or fragment; absolute-form targets are cut to their path. */
    static String rawPath(String uri) {
        String path = uri;
        int scheme = path.indexOf("://");
        if (scheme >= 0 && !path.startsWith("/")) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        int query = path.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return path.substring(0, end);
    }

    /**
     * The decoded segments of the path. Each segment is decoded on its own so that an encoded slash
     * ({@code BTC%2FUSD}) stays inside its segment; {@code +} is a literal plus in a path, not a space.
     */
    static List<String> pathSegments(String uri) {
        String path = rawPath(uri);
        if (!path.startsWith("/")) {
            return List.of();
        }
        String[] raw = path.substring(1).split("/", -1);
        List<String> segments = new ArrayList<>(raw.length);
        for (String segment : raw) {
            try {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw badRequest("malformed percent-encoding in path segment '" + clip(segment) + "'");
            }
        }
        return segments;
    }

    /** The first line of a message, at most {@link #MAX_MESSAGE_CHARS} characters. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String line = message.strip();
        int lineEnd = indexOfLineBreak(line);
        if (lineEnd >= 0) {
            line = line.substring(0, lineEnd).strip();
        }
        return line.length() <= MAX_MESSAGE_CHARS ? line : line.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }

    private static int indexOfLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return i;
            }
        }
        return -1;
    }

    private static String clip(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
