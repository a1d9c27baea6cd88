package io.fluxfix.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code bin/fluxfix} run as a real process by the launcher tests: against the jar {@code package} just built
 * ({@code FLUXFIX_NO_BUILD=1}: no Maven inside Maven), with the JDK running the test whatever {@code JAVA_HOME} the
 * caller has. Two daemon threads read stdout and stderr line by line, so a test can wait for a line of a command
 * that keeps running (a venue's "Ready.") as well as for the exit of one that does not.
 *
 * <p>{@link #close()} kills the process and whatever it started; the reader threads end with the process.
 */
final class FluxfixProcess implements AutoCloseable {

    static final Path ROOT = Path.of(requiredProperty("fluxfix.repo.root"));
    static final Path LAUNCHER = ROOT.resolve("bin/fluxfix");

    /** How long the reader threads get to reach the end of the streams once the process has exited. */
    private static final Duration DRAIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    /** What a process that ended printed, and its exit code. */
    record Result(long pid, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "pid " + pid + " exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Process process;
    private final List<String> args;
    private final Output out;
    private final Output err;

    private FluxfixProcess(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        this.out = new Output(process.getInputStream(), "fluxfix-stdout-" + process.pid());
        this.err = new Output(process.getErrorStream(), "fluxfix-stderr-" + process.pid());
    }

    /** The command {@code launcher ARGS} in {@code workDir}, with {@code env} on top of the test's environment. */
    static ProcessBuilder builder(Path launcher, Path workDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("FLUXFIX_NO_BUILD", "1");
        builder.environment().remove("FLUXFIX_JAVA_OPTS");
        builder.environment().putAll(env);
        // Run with the JDK running this test, whatever JAVA_HOME the caller has.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    /** Starts {@code launcher ARGS} in {@code workDir}, its stdin closed. */
    static FluxfixProcess start(Path launcher, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        Process process = builder(launcher, workDir, env, args).start();
        process.getOutputStream().close();
        return new FluxfixProcess(process, List.of(args));
    }

    /** Starts {@code bin/fluxfix ARGS} in {@code workDir}. */
    static FluxfixProcess start(Path workDir, String... args) throws IOException {
        return start(LAUNCHER, workDir, Map.of(), args);
    }

    /** Runs {@code launcher ARGS} in {@code workDir} to its end; fails and kills it past {@code timeout}. */
    static Result run(Path launcher, Path workDir, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        try (FluxfixProcess p = start(launcher, workDir, env, args)) {
            return p.awaitExit(timeout);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines written to stdout so far. */
    List<String> stdout() {
        return out.lines();
    }

    /** The lines written to stderr so far. */
    List<String> stderr() {
        return err.lines();
    }

    /** The first stdout line that matches, waiting up to {@code timeout}; fails at once if stdout ends without it. */
    String awaitStdout(Predicate<String> matches, Duration timeout) {
        return awaitLine(out, "stdout", matches, timeout);
    }

    /** The first stderr line that matches, waiting up to {@code timeout}; fails at once if stderr ends without it. */
    String awaitStderr(Predicate<String> matches, Duration timeout) {
        return awaitLine(err, "stderr", matches, timeout);
    }

    private String awaitLine(Output stream, String name, Predicate<String> matches, Duration timeout) {
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).pollInSameThread()
                    .until(() -> stream.first(matches).isPresent() || stream.ended());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no such line on " + name + " within " + timeout.toMillis() + " ms\n" + dump(), e);
        }
        return stream.first(matches).orElseThrow(() -> new AssertionError(
                name + " ended without such a line\n" + dump()));
    }

    /** Waits up to {@code timeout} for the process to exit, then for the last of its output. */
    Result awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toMillis() + " ms\n" + dump());
        }
        if (!out.awaitEnd(DRAIN) || !err.awaitEnd(DRAIN)) {
            throw new AssertionError("exited, but its output did not end within " + DRAIN.toMillis() + " ms (a child "
                    + "still holds it?)\n" + dump());
        }
        return new Result(process.pid(), process.exitValue(), out.text(), err.text());
    }

    /** SIGTERM ({@link Process#destroy()} on Unix), then {@link #awaitExit}. */
    Result terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /**
     * SIGTERM through the process handle, which (unlike {@link Process#destroy()}) leaves the output streams open,
     * so what the process prints while it shuts down is read too; then {@link #awaitExit}.
     */
    Result terminateKeepingOutput(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGTERM and returns at once. */
    void sigterm() {
        process.destroy();
    }

    /** Kills the process and its descendants, if still running, and waits for them and the reader threads. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            out.awaitEnd(DRAIN);
            err.awaitEnd(DRAIN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command, and everything it printed so far: for failure messages. */
    String dump() {
        return this + "\n--- stdout\n" + out.text() + "--- stderr\n" + err.text();
    }

    @Override
    public String toString() {
        return "bin/fluxfix " + String.join(" ", args) + " (pid " + process.pid() + ")";
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
        }
        return value;
    }

    /** One output stream of the process, read line by line on a daemon thread until its end. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final CountDownLatch ended = new CountDownLatch(1);

        Output(InputStream stream, String threadName) {
            Thread reader = new Thread(() -> read(stream), threadName);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    add(line);
                }
            } catch (IOException e) {
                add("<<reading failed: " + e + ">>");
            } finally {
                ended.countDown();
            }
        }

        private synchronized void add(String line) {
            lines.add(line);
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized Optional<String> first(Predicate<String> matches) {
            return lines.stream().filter(matches).findFirst();
        }

        boolean ended() {
            return ended.getCount() == 0;
        }

        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        synchronized String text() {
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l).append('\n'));
            return b.toString();
        }
    }
}
