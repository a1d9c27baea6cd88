package io.fluxfix.runner;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code fluxfix bench NAME --smoke}: each benchmark runs and prints its figures (never asserted). */
class BenchCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"replay", "md-ingest", "tick-to-order", "round-trip"})
    void smokeRunPrintsFigures(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new String[] {"bench", name, "--smoke"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("bench " + name + " (smoke)").containsPattern("\\d+\\.\\d+ (M |us)");
    }

    @Test
    void anUnknownBenchmarkNamesTheKnownOnes() {
        StringWriter err = new StringWriter();

        int exit = Main.run(new String[] {"bench", "warp-speed"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("no benchmark 'warp-speed'").contains("replay").contains("md-ingest");
    }
}
