package io.fluxfix.runner.http;

import io.fluxfix.runner.run.Runner;
import io.fluxfix.runner.run.RunnerConfig;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The runner's HTTP endpoint on reactor-netty (routes in {@link RunnerRoutes}), on event loops of its own
 * ({@value #THREAD_PREFIX}-…) so that {@link #close()} ends every thread it started. Close first ends the
 * status page's event streams, then lets requests in flight finish.
 */
public final class RunnerHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunnerHttpServer.class);

    public static final String THREAD_PREFIX = "fluxfix-http";
    static final int LOOP_THREADS = 2;
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final DisposableServer server;
    private final LoopResources loops;
    private final RunnerRoutes routes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunnerHttpServer(DisposableServer server, LoopResources loops, RunnerRoutes routes) {
        this.server = server;
        this.loops = loops;
        this.routes = routes;
    }

    /** Binds and returns once the port accepts connections; a port in use throws, leaving no thread behind. */
    public static RunnerHttpServer start(RunnerConfig.Http config, Runner runner) {
        RunnerRoutes routes = new RunnerRoutes(runner, config.pushInterval());
        LoopResources loops = LoopResources.create(THREAD_PREFIX, LOOP_THREADS, true);
        try {
            DisposableServer server = HttpServer.create()
                    .runOn(loops)
                    .channelGroup(new DefaultChannelGroup(THREAD_PREFIX, ImmediateEventExecutor.INSTANCE))
                    .host(config.bind())
                    .port(config.port())
                    .handle(routes::handle)
                    .bindNow(BIND_TIMEOUT);
            LOG.info("HTTP on {}:{}", config.bind(), server.port());
            return new RunnerHttpServer(server, loops, routes);
        } catch (RuntimeException e) {
            routes.close();
            loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT.plusSeconds(1));
            throw new IllegalStateException("cannot listen for HTTP on " + config.bind() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        routes.close();
        try {
            server.disposeNow(CLOSE_TIMEOUT);
        } finally {
            loops.disposeLater(Duration.ZERO, CLOSE_TIMEOUT).block(CLOSE_TIMEOUT.plusSeconds(1));
        }
    }
}
