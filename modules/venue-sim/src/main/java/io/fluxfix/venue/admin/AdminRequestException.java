package io.fluxfix.venue.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the endpoint refuses (4xx). Its message goes to the client as it is, so it must be one line and
 * must not reveal internals; it carries no stack trace because it is an answer, not a fault.
 */
final class AdminRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String allow;

    AdminRequestException(HttpResponseStatus status, String message) {
        this(status, message, null);
    }

    AdminRequestException(HttpResponseStatus status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    HttpResponseStatus status() {
        return status;
    }

    /** The methods the path does accept, for the {@code Allow} header of a 405; otherwise null. */
    String allow() {
        return allow;
    }
}
