package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/fluxfix} as a real process against the jar {@code package} just built
 * ({@code FLUXFIX_NO_BUILD=1}: no Maven inside Maven).
 */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 60;

    private static final Path ROOT = Path.of(requiredProperty("fluxfix.repo.root"));
    private static final Path LAUNCHER = ROOT.resolve("bin/fluxfix");

    @TempDir
    Path temp;

    @Test
    void versionExitsZeroAndPrintsTheVersionWithNothingOnStderr() throws Exception {
        Result result = launch(LAUNCHER, ROOT, Map.of(), "version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().lines().findFirst())
                .hasValue("fluxfix " + requiredProperty("fluxfix.project.version"));
        assertThat(result.stderr()).as("no JVM warning, no log line at startup").isEmpty();
    }

    @Test
    void unknownOptionExitsTwoWithOneLineOnStderr() throws Exception {
        Result result = launch(LAUNCHER, ROOT, Map.of(), "--bogus");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.stderr().lines().toList()).singleElement().asString().contains("'--bogus'");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("fluxfix"), LAUNCHER);

        Result result = launch(link, temp, Map.of(), "version");
        Files.delete(link); // JUnit warns when it has to delete a link pointing out of its temp dir

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("fluxfix ");
    }

    /**
     * The launcher must exec the JVM, not run it as a child: then the process we started is the
     * JVM, so signals sent to it reach the program. The JVM writes its own PID into a log file
     * name ({@code %p}); it must be the PID of the process we started. The option comes in through
     * {@code FLUXFIX_JAVA_OPTS} next to a second one, so that also shows the options are split.
     */
    @Test
    void launcherExecsTheJvmInItsOwnProcess() throws Exception {
        String logFile = temp.resolve("jvm-%p.log").toString();
        Result result = launch(LAUNCHER, ROOT,
                Map.of("FLUXFIX_JAVA_OPTS", "-Xmx64m   -Xlog:os=info:file=" + logFile), "version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (var files = Files.list(temp)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactly("jvm-" + result.pid() + ".log");
        }
    }

    private record Result(long pid, int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "pid " + pid + " exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static Result launch(Path launcher, Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().put("FLUXFIX_NO_BUILD", "1");
        builder.environment().remove("FLUXFIX_JAVA_OPTS");
        builder.environment().putAll(env);
        // Run with the JDK running this test, whatever JAVA_HOME the caller has.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = readAll(process.getInputStream());
        CompletableFuture<String> stderr = readAll(process.getErrorStream());
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/fluxfix " + String.join(" ", args) + " still running after "
                    + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.pid(), process.exitValue(), stdout.join(), stderr.join());
    }

    private static CompletableFuture<String> readAll(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven (failsafe)");
        }
        return value;
    }
}
