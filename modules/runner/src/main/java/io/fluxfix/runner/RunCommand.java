package io.fluxfix.runner;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.runner.run.Runner;
import io.fluxfix.runner.run.RunnerConfig;
import io.fluxfix.runner.run.StrategyRegistry;
import io.fluxfix.runner.run.StrategySpec;
import io.fluxfix.session.Credentials;
import io.fluxfix.session.SessionConfig;
import io.fluxfix.venue.LocalVenue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code fluxfix run}: the headless runner until SIGTERM or SIGINT, which stop it cleanly with exit code 0; a
 * second SIGINT during the shutdown forces the exit (130). {@code --check} validates the configuration without
 * starting or connecting anything.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run FluxFix headless: sessions, journal, strategies, HTTP metrics/health/status.")
final class RunCommand implements Callable<Integer> {

    /** Exit code for a configuration that cannot be used (one line on stderr). */
    static final int EXIT_CONFIG = 2;
    /** Exit code when a valid configuration cannot start (a port in use, an unusable data directory). */
    static final int EXIT_START = 1;

    static final String DEFAULT_CONFIG = "config/local.yaml";

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Runner configuration (YAML); default: config/local.yaml of the FluxFix installation.")
    private Path config;

    @Option(names = "--check", description = "Validate the configuration (and credentials) without connecting; "
            + "exit 0 when it is usable.")
    private boolean check;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = config != null ? config : FluxFixHome.path(DEFAULT_CONFIG);
        StrategyRegistry strategies = StrategyRegistry.standard();
        final RunnerConfig c;
        try {
            c = RunnerConfig.load(file, strategies);
            checkCredentials(c);
        } catch (ConfigException e) {
            err.println("fluxfix: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        if (check) {
            out.println(file + ": OK — " + c.sessions().size() + " sessions " + c.sessionNames()
                    + (c.venue() != null ? ", embedded venue on port base " + c.venue().portBase() : "")
                    + ", " + c.strategies().size() + " strategies");
            return 0;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.install(stop);
        final Runner runner;
        try {
            runner = Runner.start(c, new Runner.Options(System.getenv(), java.time.InstantSource.system(),
                    new io.fluxfix.runner.hooks.RunnerHooks(), strategies));
        } catch (ConfigException e) {
            err.println("fluxfix: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            err.println("fluxfix: cannot start: " + oneLine(e));
            return EXIT_START;
        }
        banner(out, file, runner);
        Signals.stopping(() -> {
            // Runs if the JVM exits another way (System.exit elsewhere): still log out and close the journal.
            runner.close();
        });
        stop.await();
        long deadline = c.shutdownTimeout().toMillis();
        Thread closer = new Thread(runner::close, "fluxfix-shutdown");
        closer.start();
        closer.join(deadline);
        if (closer.isAlive()) {
            err.println("fluxfix: shutdown took longer than " + c.shutdownTimeout() + "; exiting anyway");
            return EXIT_START;
        }
        out.println("FluxFix stopped: sessions logged out, journal closed (" + c.journal().dir() + ").");
        out.flush();
        return 0;
    }

    /** Trading sessions need credentials; {@code --check} and start-up say so before anything connects. */
    private static void checkCredentials(RunnerConfig c) {
        Map<String, String> env = c.credentialEnvironment(System.getenv());
        for (SessionConfig s : c.sessions()) {
            if (s.connection().endpoint().isTrading()) {
                Credentials.resolve(s, env, c.origin());
            }
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static void banner(PrintWriter out, Path file, Runner r) {
        RunnerConfig c = r.config();
        out.println("FluxFix runner (" + file + ")");
        LocalVenue v = r.venue();
        if (v != null) {
            out.println("  embedded local venue: FIX ports " + v.config().bind() + ":" + v.config().portBase() + "-"
                    + (v.config().portBase() + 5) + (v.adminPort() > 0 ? ", admin http://" + v.config().bind() + ":"
                    + v.adminPort() + "/state" : "") + ", data " + v.config().dataDir().toAbsolutePath());
        }
        for (SessionConfig s : c.sessions()) {
            out.println("  session " + s.name() + ": " + s.connection().endpoint().name().toLowerCase(
                    java.util.Locale.ROOT).replace('_', '-') + " " + s.connection().host() + ":"
                    + s.connection().port() + " as " + s.connection().senderCompId()
                    + (s.connection().tls().enabled() ? " (TLS)" : " (plain TCP)"));
        }
        out.println("  journal: " + c.journal().dir().toAbsolutePath()
                + "   (bin/fluxfix journal tail " + c.journal().dir() + ")");
        for (StrategySpec s : c.strategies()) {
            boolean runs = !r.strategiesNotRunning().contains(s.id());
            out.println("  strategy " + s.id() + ": " + s.strategy() + " on " + String.join(", ", s.symbols())
                    + (runs ? "" : "   (no implementation registered yet: not trading)"));
        }
        if (r.httpPort() > 0) {
            String base = "http://" + c.http().bind() + ":" + r.httpPort();
            out.println("  status page: " + base + "/status");
            out.println("  health: " + base + "/health   metrics: " + base + "/metrics   api: " + base
                    + "/api/state");
        }
        out.println("Started. Ctrl-C or SIGTERM stops it cleanly.");
        out.flush();
    }

    /** SIGTERM/SIGINT handling: the first stops the runner cleanly, a second SIGINT exits at once. */
    static final class Signals {
        private static final AtomicInteger INTS = new AtomicInteger();

        private Signals() {
        }

        @SuppressWarnings("removal")
        static void install(CountDownLatch stop) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> stop.countDown());
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                    if (INTS.incrementAndGet() > 1) {
                        Runtime.getRuntime().halt(130);
                    }
                    stop.countDown();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // No signal support here: the shutdown hook below still closes the runner on exit.
            }
        }

        static void stopping(Runnable onExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(onExit, "fluxfix-exit"));
        }
    }
}
