package io.fluxfix.venue.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * A reactor-netty HTTP client on loops and a connection pool of its own, both disposed by {@link #close()}, so a
 * test leaves no {@code reactor-http-*} thread behind. {@code java.net.http.HttpClient} is no use here: on JDK 17
 * it cannot be closed and its selector thread lives until the client is garbage-collected.
 */
public final class AdminTestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final LoopResources loops = LoopResources.create("admin-test-client", 2, true);
    private final ConnectionProvider pool = ConnectionProvider.builder("admin-test-client")
            .maxConnections(64)
            .pendingAcquireMaxCount(-1)
            .build();
    private final HttpClient client;

    public AdminTestClient(int port) {
        client = HttpClient.create(pool)
                .runOn(loops)
                // The JDK resolver: reactor-netty's default DNS resolver is not needed for a literal address.
                .resolver(DefaultAddressResolverGroup.INSTANCE)
                .baseUrl("http://127.0.0.1:" + port);
    }

    public record Reply(int status, HttpHeaders headers, String body) {

        public String contentType() {
            return headers.get(HttpHeaderNames.CONTENT_TYPE);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    public Reply get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public Reply post(String path, String body) {
        return send(HttpMethod.POST, path, body);
    }

    Reply send(HttpMethod method, String path, String body) {
        return sendAsync(method, path, body).block(TIMEOUT);
    }

    Mono<Reply> sendAsync(HttpMethod method, String path, String body) {
        return client.request(method)
                .uri(path)
                .send(body == null ? Mono.empty() : ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString()
                        .defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), response.responseHeaders(), text)));
    }

    static ObjectMapper json() {
        return JSON;
    }

    @Override
    public void close() {
        pool.disposeLater().block(TIMEOUT);
        loops.disposeLater(Duration.ZERO, TIMEOUT).block(TIMEOUT.plusSeconds(1));
    }
}
