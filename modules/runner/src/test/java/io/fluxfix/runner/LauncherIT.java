package io.fluxfix.runner;

import static io.fluxfix.runner.FluxfixProcess.LAUNCHER;
import static io.fluxfix.runner.FluxfixProcess.ROOT;
import static io.fluxfix.runner.FluxfixProcess.requiredProperty;
import static io.fluxfix.runner.FluxfixProcess.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxfix.runner.FluxfixProcess.Result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/fluxfix} as a real process against the jar {@code package} just built
 * ({@code FLUXFIX_NO_BUILD=1}: no Maven inside Maven), through {@link FluxfixProcess}.
 */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);

    @TempDir
    Path temp;

    @Test
    void versionExitsZeroAndPrintsTheVersionWithNothingOnStderr() throws Exception {
        Result result = run(LAUNCHER, ROOT, Map.of(), TIMEOUT, "version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().findFirst())
                .hasValue("fluxfix " + requiredProperty("fluxfix.project.version"));
        assertThat(result.stderr()).as("no JVM warning, no log line at startup").isEmpty();
    }

    @Test
    void unknownOptionExitsTwoWithOneLineOnStderr() throws Exception {
        Result result = run(LAUNCHER, ROOT, Map.of(), TIMEOUT, "--bogus");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().toList()).singleElement().asString().contains("'--bogus'");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("fluxfix"), LAUNCHER);

        Result result = run(link, temp, Map.of(), TIMEOUT, "version");
        Files.delete(link); // JUnit warns when it has to delete a link pointing out of its temp dir

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("fluxfix ");
    }

    /**
     * The launcher must exec the JVM, not run it as a child, so that signals sent to the process
     * we started reach the program. JDWP with {@code suspend=y} holds the JVM at startup (no verb
     * runs long yet); while it waits, the process we started must be {@code java} itself, and a
     * SIGTERM must end it with 143. The agent comes in through {@code FLUXFIX_JAVA_OPTS} next to a
     * second option, so that also shows the options are split on whitespace.
     */
    @Test
    void launcherExecsTheJvmSoSigtermReachesIt() throws Exception {
        ProcessBuilder builder = FluxfixProcess.builder(LAUNCHER, ROOT, Map.of("FLUXFIX_JAVA_OPTS",
                "-Xmx64m   -agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:0"),
                "version");
        Process process = builder.redirectErrorStream(true).start();
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String firstLine = CompletableFuture.supplyAsync(() -> readLine(stdout))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(firstLine).startsWith("Listening for transport dt_socket");

            assertThat(process.toHandle().info().command())
                    .as("the command of the process bin/fluxfix started")
                    .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(process.exitValue()).isEqualTo(128 + 15);
        } finally {
            // Were the JVM a child of the launcher (the bug this test looks for), it would outlive it.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
