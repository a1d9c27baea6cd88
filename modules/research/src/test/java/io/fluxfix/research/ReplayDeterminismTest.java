package io.fluxfix.research;

import io.fluxfix.testkit.LeakCheck;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replays of the same journal with the same strategy give the same records, summary and fills, byte for byte. */
@LeakCheck(allowThreads = "Java2D Disposer") // the JDK's own, started once per JVM by the plots
class ReplayDeterminismTest {

    @TempDir
    Path tmp;

    @Test
    void quoterOverTheImportedKrakenRecordingTwiceGivesIdenticalOutputs() throws Exception {
        Path journal = ReplayFixtures.importKraken(KrakenFixtures.WS_V1_BOOK10_XBTUSD, tmp.resolve("journal"));
        Map<String, String> params = Map.of("size", "0.05", "spread-bps", "2", "requote-bps", "1");

        ReplayResult first = Replay.run(ReplayOptions.of(journal, "quoter", params, tmp.resolve("a")));
        ReplayResult second = Replay.run(ReplayOptions.of(journal, "quoter", params, tmp.resolve("b")));

        assertThat(first.events()).isGreaterThan(500);
        assertThat(first.commandCount()).as("the quoter quoted").isPositive();
        assertThat(first.fills()).as("some quotes were traded through by the recorded book").isNotEmpty();
        System.out.println(Files.readString(tmp.resolve("a/summary.json")));
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(Files.readAllBytes(tmp.resolve("b/summary.json")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/summary.json")));
        assertThat(Files.readAllBytes(tmp.resolve("b/fills.csv")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("a/fills.csv")));
        assertThat(Files.readString(tmp.resolve("a/summary.json"))).contains(first.digest());
        assertThat(Files.readAllLines(tmp.resolve("a/fills.csv"))).hasSize(first.fills().size() + 1);
    }
}
