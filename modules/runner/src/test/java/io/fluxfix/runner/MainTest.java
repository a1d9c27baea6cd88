package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    private static List<String> lines(StringWriter writer) {
        return writer.toString().lines().toList();
    }

    @Test
    void helpPrintsUsageListingTheVersionCommand() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString())
                .contains("Usage: fluxfix")
                .contains("-h, --help")
                .containsPattern("(?m)^\\s+version\\s+Print the FluxFix version");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shortHelpIsTheSame() {
        assertThat(run("-h")).isZero();
        StringWriter longHelp = out;

        MainTest other = new MainTest();
        other.run("--help");
        assertThat(longHelp.toString()).isEqualTo(other.out.toString());
    }

    @Test
    void versionPrintsThePomVersionAndTheJavaRuntime() {
        String pomVersion = System.getProperty("fluxfix.project.version");
        assertThat(pomVersion).as("system property set by the runner pom").isNotBlank();

        assertThat(run("version")).isZero();

        assertThat(lines(out)).hasSize(2);
        assertThat(lines(out).get(0)).isEqualTo("fluxfix " + pomVersion);
        assertThat(lines(out).get(1))
                .startsWith("Java " + System.getProperty("java.runtime.version"))
                .contains(System.getProperty("java.vendor"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void versionOptionPrintsTheSameAsTheVersionCommand() {
        assertThat(run("--version")).isZero();
        MainTest command = new MainTest();
        command.run("version");

        assertThat(out.toString()).isEqualTo(command.out.toString());
    }

    @Test
    void unknownOptionIsOneLineOnStderrAndExitCode2() {
        assertThat(run("--bogus")).isEqualTo(2);

        assertThat(lines(err)).containsExactly("fluxfix: Unknown option: '--bogus' (see 'fluxfix --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownOptionOfASubcommandPointsAtThatSubcommandsHelp() {
        assertThat(run("version", "--bogus")).isEqualTo(2);

        assertThat(lines(err)).containsExactly(
                "fluxfix: Unknown option: '--bogus' (see 'fluxfix version --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownCommandIsOneLineOnStderrAndExitCode2() {
        assertThat(run("bogus")).isEqualTo(2);

        assertThat(lines(err)).containsExactly("fluxfix: Unknown command: 'bogus' (see 'fluxfix --help')");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void misspeltCommandGetsASuggestionOnTheSameLine() {
        assertThat(run("versoin")).isEqualTo(2);

        assertThat(lines(err)).singleElement().asString()
                .contains("Unknown command: 'versoin'")
                .contains("did you mean 'version'?");
    }

    @Test
    void noCommandPrintsUsageOnStderrAndExitCode2() {
        assertThat(run()).isEqualTo(2);

        assertThat(err.toString()).contains("Usage: fluxfix").contains("version");
        assertThat(out.toString()).isEmpty();
    }
}
