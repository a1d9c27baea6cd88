package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fluxfix run --config FILE [--check]} with configurations a user gets wrong: each stops with exactly one
 * line on stderr naming the file, the key and the problem, and exit code 2, before anything starts. Runs
 * in-process through {@link Main#run}; {@code RunnerIT} checks the same through the launcher, where the log
 * would show.
 */
class RunConfigTest {

    static final Path ROOT = Path.of(System.getProperty("fluxfix.repo.root"));

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A valid runner file: the embedded venue (the repository's venue file), two sessions, the quoter. */
    static String valid(Path dataDir) {
        String venueFile = ROOT.resolve("config/venue-local.yaml").toString();
        String store = dataDir.resolve("venue/tls/trust.p12").toString();
        return """
                embedded-venue:
                  enabled: true
                  config: %s
                  port-base: 24000
                  data-dir: %s
                journal:
                  dir: %s
                sessions:
                  spot-trading:
                    endpoint: spot-trading
                    port-base: 24000
                    sender-comp-id: DEMO
                    tls:
                      trust-store: %s
                  spot-md:
                    endpoint: spot-market-data
                    port-base: 24000
                    sender-comp-id: DEMO
                    tls:
                      trust-store: %s
                strategies:
                  quoter:
                    strategy: quoter
                    symbols: [BTC/USD, ETH/USD]
                http:
                  port: 0
                """.formatted(venueFile, dataDir.resolve("venue"), dataDir.resolve("journal"), store, store);
    }

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private int check(Path file) {
        return Main.run(new String[] {"run", "--config", file.toString(), "--check"}, new PrintWriter(out),
                new PrintWriter(err));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    /** Runs {@code --check} on {@code yaml} and returns its single stderr line, asserting exit code 2. */
    private String refused(String yaml) throws IOException {
        Path f = write("runner.yaml", yaml);
        assertThat(check(f)).as("exit code; stderr: %s", err).isEqualTo(RunCommand.EXIT_CONFIG);
        assertThat(errLines()).as("stderr").hasSize(1);
        assertThat(out.toString()).isEmpty();
        return errLines().get(0);
    }

    @Test
    void aValidFileChecksWithoutStartingAnything() throws IOException {
        Path f = write("runner.yaml", valid(dir.resolve("data")));

        assertThat(check(f)).as("stderr: %s", err).isZero();

        assertThat(out.toString()).contains(f + ": OK").contains("2 sessions").contains("1 strategies");
        assertThat(err.toString()).isEmpty();
        assertThat(dir.resolve("data")).as("--check creates nothing").doesNotExist();
    }

    @Test
    void theShippedLocalConfigChecks() {
        assertThat(check(ROOT.resolve("config/local.yaml"))).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("embedded venue on port base 4000");
    }

    @Test
    void missingRequiredKey() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("    sender-comp-id: DEMO\n    tls:\n      trust-store: "
                + dir.resolve("data/venue/tls/trust.p12") + "\n  spot-md:", "    tls:\n      trust-store: "
                + dir.resolve("data/venue/tls/trust.p12") + "\n  spot-md:"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": sessions.spot-trading.sender-comp-id: required but not set");
    }

    @Test
    void wrongType() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("  port: 0", "  port: eighty"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": http.port: expected an integer, got 'eighty'");
    }

    @Test
    void unknownStrategy() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("strategy: quoter", "strategy: scalper"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": strategies.quoter.strategy: unknown strategy 'scalper' (known: quoter, twap)");
    }

    @Test
    void aSymbolTheEmbeddedVenueDoesNotTradeStopsStartUp() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("[BTC/USD, ETH/USD]", "[BTC/USD, DOGE/XYZ]"));
        assertThat(line).startsWith("fluxfix: " + dir.resolve("runner.yaml")
                + ": strategies.quoter.symbols: DOGE/XYZ is not an instrument of the embedded venue (it has [")
                .contains("BTC/USD");
    }

    @Test
    void unreadableTrustStore() throws IOException {
        Path garbage = write("not-a-store.p12", "this is not a PKCS12 file\n");
        String line = refused(valid(dir.resolve("data")).replaceFirst("trust-store: .*trust\\.p12",
                "trust-store: " + garbage));
        assertThat(line).startsWith("fluxfix: " + dir.resolve("runner.yaml")
                + ": sessions.spot-trading.tls.trust-store: cannot read trust store " + garbage + " as PKCS12: ");
    }

    @Test
    void missingTrustStore() throws IOException {
        Path missing = dir.resolve("nowhere/trust.p12");
        String line = refused(valid(dir.resolve("data")).replaceFirst("trust-store: .*trust\\.p12",
                "trust-store: " + missing));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": sessions.spot-trading.tls.trust-store: trust store " + missing + " not found");
    }

    @Test
    void symbolsOfTheWrongShape() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("symbols: [BTC/USD, ETH/USD]",
                "symbols:\n      btc: BTC/USD"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": strategies.quoter.symbols: expected a list of symbols such as [BTC/USD, ETH/USD], got a map");
    }

    @Test
    void strategyOnAMarketDataSessionForTrading() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("symbols: [BTC/USD, ETH/USD]",
                "symbols: [BTC/USD]\n    trading-session: spot-md"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": strategies.quoter.trading-session: session 'spot-md' is not a trading session (its endpoint is "
                + "spot-market-data)");
    }

    @Test
    void unknownSectionAndUnknownKey() throws IOException {
        String line = refused(valid(dir.resolve("data")) + "metrics:\n  port: 9090\n");
        assertThat(line).startsWith("fluxfix: " + dir.resolve("runner.yaml") + ": metrics: unknown section");

        err.getBuffer().setLength(0);
        line = refused(valid(dir.resolve("data")).replace("  port: 0", "  port: 0\n  prot: 1"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml") + ": http.prot: unknown key");
    }

    @Test
    void aMissingFile() {
        Path f = dir.resolve("absent.yaml");
        assertThat(check(f)).isEqualTo(RunCommand.EXIT_CONFIG);
        assertThat(errLines()).containsExactly("fluxfix: " + f + ": (file): not found");
    }

    @Test
    void anEmbeddedVenueAccountThatDoesNotExist() throws IOException {
        String line = refused(valid(dir.resolve("data")).replace("  port-base: 24000\n  data-dir",
                "  port-base: 24000\n  account: nobody\n  data-dir"));
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml")
                + ": embedded-venue.account: no account 'nobody' in " + ROOT.resolve("config/venue-local.yaml"));
    }

    @Test
    void theOrderSinkAndBooksSectionsAreReadAndChecked() throws IOException {
        Path ok = write("runner.yaml", valid(dir.resolve("data")) + """
                orders:
                  spot:
                    tier: intermediate
                  risk:
                    default:
                      max-order-qty: 1
                books:
                  stale-after: 10s
                """);
        assertThat(check(ok)).as("stderr: %s", err).isZero();

        err.getBuffer().setLength(0);
        out.getBuffer().setLength(0);
        String line = refused(valid(dir.resolve("data")) + "orders:\n  spot:\n    tier: platinum\n");
        assertThat(line).startsWith("fluxfix: " + dir.resolve("runner.yaml") + ": orders.spot.tier: ");

        err.getBuffer().setLength(0);
        line = refused(valid(dir.resolve("data")) + "orders:\n  spot:\n    tyre: starter\n");
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml") + ": orders.spot.tyre: unknown key");

        err.getBuffer().setLength(0);
        line = refused(valid(dir.resolve("data")) + "books:\n  stale-after: 0s\n");
        assertThat(line).isEqualTo("fluxfix: " + dir.resolve("runner.yaml") + ": books.stale-after: must be above 0");

        err.getBuffer().setLength(0);
        line = refused(valid(dir.resolve("data")).replace("    symbols: [BTC/USD, ETH/USD]\n",
                "    symbols: [BTC/USD, ETH/USD]\n    params:\n      spread-bps: wide\n"));
        assertThat(line).startsWith("fluxfix: " + dir.resolve("runner.yaml") + ": strategies.quoter.params.spread-bps: ");
    }
}
