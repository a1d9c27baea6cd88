package io.fluxfix.venue.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** A complete answer, built before anything is written, so a failure can still become an error answer. */
final class AdminResponse {

    static final String JSON = "application/json";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpResponseStatus status;
    private final String contentType;
    private final byte[] body;
    private final String allow;

    private AdminResponse(HttpResponseStatus status, String contentType, byte[] body, String allow) {
        this.status = Objects.requireNonNull(status, "status");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.body = Objects.requireNonNull(body, "body");
        this.allow = allow;
    }

    static AdminResponse json(HttpResponseStatus status, byte[] body) {
        return new AdminResponse(status, JSON, body, null);
    }

    static AdminResponse text(HttpResponseStatus status, String contentType, String body) {
        return new AdminResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The same answer with an {@code Allow} header, for 405. */
    AdminResponse withAllow(String methods) {
        return new AdminResponse(status, contentType, body, methods);
    }

    HttpResponseStatus status() {
        return status;
    }

    Mono<Void> writeTo(HttpServerResponse response) {
        response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (allow != null) {
            response.header(HttpHeaderNames.ALLOW, allow);
        }
        return response.sendByteArray(Mono.just(body)).then();
    }
}
