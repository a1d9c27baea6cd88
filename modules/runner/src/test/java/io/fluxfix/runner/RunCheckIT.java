package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxfix.runner.FluxfixProcess.Result;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/fluxfix run --check} on the configuration files the repository ships, through the launcher as a user
 * types it, and a bad file's single line as the terminal shows it: nothing logged before it, no stack trace.
 */
class RunCheckIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    /** Not real credentials: base64 of "not-a-secret"; --check only needs them to be set and well-formed. */
    static final Map<String, String> FAKE_CREDENTIALS = Map.of("KRAKEN_FIX_API_KEY", "not-a-key",
            "KRAKEN_FIX_API_SECRET", "bm90LWEtc2VjcmV0");

    @ParameterizedTest
    @ValueSource(strings = {"config/local.yaml", "config/kraken-uat.yaml", "config/kraken-prod.yaml"})
    void shippedConfigurationsCheck(String file, @TempDir Path cwd) throws Exception {
        Map<String, String> env = file.contains("kraken") ? FAKE_CREDENTIALS : Map.of();
        Result r = FluxfixProcess.run(FluxfixProcess.LAUNCHER, cwd, env, WAIT, "run", "--config",
                FluxfixProcess.ROOT.resolve(file).toString(), "--check");

        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).contains(": OK — 2 sessions [spot-md, spot-trading]").contains("1 strategies");
        assertThat(r.stderr()).isEmpty();
        try (var files = Files.list(cwd)) {
            assertThat(files).as("--check writes nothing").isEmpty();
        }
    }

    @Test
    void krakenConfigWithoutCredentialsNamesTheVariable(@TempDir Path cwd) throws Exception {
        Path file = FluxfixProcess.ROOT.resolve("config/kraken-uat.yaml");
        Result r = FluxfixProcess.run(FluxfixProcess.LAUNCHER, cwd, Map.of("KRAKEN_FIX_API_KEY", "",
                "KRAKEN_FIX_API_SECRET", ""), WAIT, "run", "--config", file.toString(), "--check");

        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr().lines()).containsExactly("fluxfix: " + file
                + ": sessions.spot-trading.credentials.api-key-env: environment variable KRAKEN_FIX_API_KEY is not "
                + "set (a trading session needs the API key)");
    }

    @Test
    void aBadFileIsOneLineOnTheTerminalWithNothingBeforeIt(@TempDir Path cwd) throws Exception {
        String bad = Files.readString(FluxfixProcess.ROOT.resolve("config/local.yaml"), StandardCharsets.UTF_8)
                .replace("strategy: quoter", "strategy: scalper")
                .replace("config: venue-local.yaml", "config: " + FluxfixProcess.ROOT.resolve("config/venue-local.yaml"));
        Path file = Files.writeString(cwd.resolve("bad.yaml"), bad, StandardCharsets.UTF_8);

        // without --check: a real start refuses the same way, before anything is started or logged
        Result r = FluxfixProcess.run(FluxfixProcess.LAUNCHER, cwd, Map.of(), WAIT, "run", "--config",
                file.toString());

        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderr().lines()).containsExactly("fluxfix: " + file
                + ": strategies.quoter.strategy: unknown strategy 'scalper' (known: quoter, twap)");
        assertThat(r.stdout()).isEmpty();
        assertThat(cwd.resolve("data")).doesNotExist();
    }
}
