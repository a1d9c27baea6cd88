package io.fluxfix.runner;

import io.fluxfix.testkit.LeakCheck;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code fluxfix replay} end to end: a Kraken WebSocket recording imported with {@code fluxfix import kraken-ws},
 * replayed with the quoter, and the report opened in headless Chromium with its plots.
 */
@LeakCheck(allowThreads = "Java2D Disposer") // the JDK's own, started once per JVM by the plots
class ReplayCommandTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private static Run fluxfix(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path importedJournal() throws Exception {
        Path recording = tmp.resolve(KrakenFixtures.WS_V2_BOOK10_BTCUSD);
        Files.writeString(recording, KrakenFixtures.text(KrakenFixtures.WS_V2_BOOK10_BTCUSD));
        Path journal = tmp.resolve("journal");
        Run imported = fluxfix("import", "kraken-ws", "--journal", journal.toString(), recording.toString());
        assertThat(imported.exit()).as("%s", imported).isZero();
        return journal;
    }

    @Test
    void replayOfAnImportedKrakenRecordingWritesAReportWhosePlotsRenderInChromium() throws Exception {
        Path journal = importedJournal();
        Path out = tmp.resolve("out");

        Run r = fluxfix("replay", "--journal", journal.toString(), "--strategy", "quoter", "--param", "size=0.02",
                "--param", "spread-bps=2", "--out", out.toString());

        assertThat(r.exit()).as("%s", r).isZero();
        assertThat(r.out()).contains("replayed").contains("record digest").contains("BTC/USD: position");
        assertThat(r.err()).as("progress on stderr").contains("events/s");
        for (String f : new String[] {"summary.json", "fills.csv", "report.html", "pnl.png", "inventory.png",
                "fills.png", "fees.png", "orders.png", "latency.png"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        assertThat(out.resolve("journal")).isDirectory();

        try (HeadlessChromium chromium = new HeadlessChromium(tmp.resolve("profile"))) {
            chromium.navigate(out.resolve("report.html").toUri().toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> chromium.eval(
                    "document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)")
                    .asBoolean());
            assertThat(chromium.eval("document.images.length").asInt()).isEqualTo(6);
            assertThat(chromium.eval("Array.from(document.images).filter(i => i.naturalWidth >= 800 "
                    + "&& i.naturalHeight >= 300).length").asInt()).as("plots that decoded").isEqualTo(6);
            assertThat(chromium.text("document.querySelector('#speed h2').textContent")).contains("wall clock");
            assertThat(chromium.eval("document.querySelector('#speed img') !== null").asBoolean())
                    .as("the latency plot sits in the speed section").isTrue();
            Files.write(tmp.resolve("report.png"), chromium.screenshot());
            assertThat(chromium.errors()).as("errors the page logged").isEmpty();
        }
    }

    @Test
    void anUnknownStrategyOrABadParameterIsOneLineAndExitOne() throws Exception {
        Path journal = importedJournal();

        Run unknown = fluxfix("replay", "--journal", journal.toString(), "--strategy", "nope", "--out",
                tmp.resolve("o1").toString());
        Run badParam = fluxfix("replay", "--journal", journal.toString(), "--strategy", "quoter", "--param",
                "spread-bps=wide", "--out", tmp.resolve("o2").toString());
        Run badFills = fluxfix("replay", "--journal", journal.toString(), "--strategy", "quoter", "--fills",
                "imagined", "--out", tmp.resolve("o3").toString());

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).startsWith("fluxfix: unknown strategy 'nope'").doesNotContain("\n");
        assertThat(badParam.exit()).isEqualTo(1);
        assertThat(badParam.err().strip()).contains("spread-bps").doesNotContain("\n");
        assertThat(badFills.exit()).isEqualTo(1);
        assertThat(badFills.err()).contains("--fills 'imagined'");
        Run badWindow = fluxfix("replay", "--journal", journal.toString(), "--strategy", "quoter", "--tape-window",
                "soon", "--out", tmp.resolve("o4").toString());
        assertThat(badWindow.exit()).isEqualTo(1);
        assertThat(badWindow.err().strip()).isEqualTo("fluxfix: --tape-window 'soon' is not a duration such as 10ms "
                + "or 1s");
    }

    @Test
    void recordedFillsOnAJournalWithoutCommandsSaysSo() throws Exception {
        Path journal = importedJournal();

        Run r = fluxfix("replay", "--journal", journal.toString(), "--strategy", "quoter", "--fills", "recorded",
                "--out", tmp.resolve("o").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("holds no order commands");
    }
}
