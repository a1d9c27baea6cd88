package io.fluxfix.venue.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The venue's admin HTTP endpoint (routes in the package documentation), on reactor-netty.
 *
 * <p>The server runs on event loops of its own ({@link LoopResources} named {@value #THREAD_PREFIX}, threads
 * {@code venue-admin-epoll-N}, or {@code venue-admin-nio-N} without the native transport), not on reactor-netty's
 * JVM-wide {@code HttpResources} loops ({@code reactor-http-epoll-N}), which outlive any one server until
 * something disposes them for the whole JVM. The endpoint thus owns every thread it starts, and {@link #close()}
 * ends them all. Connections are tracked in a channel group so that close lets requests in flight finish.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** Thread-name prefix of the endpoint's event loops: {@code venue-admin-epoll-N} or {@code venue-admin-nio-N}. */
    public static final String THREAD_PREFIX = "venue-admin";
    /** Event loop threads; the endpoint is light, and blocking work runs on {@code boundedElastic}. */
    static final int LOOP_THREADS = 2;
    /** How long {@link #start} waits for the port to be bound. */
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} waits for requests in flight to finish, and again for the event loops to end. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final DisposableServer server;
    private final LoopResources loops;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AdminServer(DisposableServer server, LoopResources loops) {
        this.server = server;
        this.loops = loops;
        this.port = server.port();
    }

    /**
     * Binds the endpoint and returns once it accepts connections.
     *
     * @param bindHost the interface to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for an ephemeral one (see {@link #port()})
     * @throws IllegalArgumentException for a port outside 0..65535
     * @throws RuntimeException when the port cannot be bound; no thread is left running then
     */
    public static AdminServer start(String bindHost, int port, VenueAdmin admin, PrometheusMeterRegistry registry) {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin port " + port + " is outside 0..65535");
        }
        AdminRoutes routes = new AdminRoutes(admin, registry, AdminJson.newMapper());
        LoopResources loops = LoopResources.create(THREAD_PREFIX, LOOP_THREADS, true);
        try {
            DisposableServer server = HttpServer.create()
                    .runOn(loops)
                    // Lets disposeNow() wait for requests in flight; no listener is ever added to the group's
                    // futures, so the immediate executor never runs anything.
                    .channelGroup(new DefaultChannelGroup(THREAD_PREFIX, ImmediateEventExecutor.INSTANCE))
                    .host(bindHost)
                    .port(port)
                    .handle(routes::handle)
                    .bindNow(BIND_TIMEOUT);
            LOG.info("Admin endpoint listening on {}:{}", bindHost, server.port());
            return new AdminServer(server, loops);
        } catch (RuntimeException e) {
            try {
                shutDown(loops);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The bound port; the ephemeral one chosen when started with port 0. */
    public int port() {
        return port;
    }

    /**
     * Stops accepting connections, lets requests in flight finish (bounded by {@link #CLOSE_TIMEOUT}), then stops
     * the event loops and waits until their threads have ended. Idempotent. Blocks, so do not call it from a
     * Reactor non-blocking thread.
     *
     * @throws IllegalStateException when requests or loops outlast the timeout
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.disposeNow(CLOSE_TIMEOUT);
        } finally {
            shutDown(loops);
            LOG.info("Admin endpoint on port {} closed", port);
        }
    }

    private static void shutDown(LoopResources loops) {
        // No quiet period: once the server is disposed, nothing new can reach these loops.
        loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT.plusSeconds(1));
    }
}
