package io.fluxfix.runner;

import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImportCommandTest {

    @TempDir
    Path tmp;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path fixture(String name) throws IOException {
        Path p = tmp.resolve(name);
        try (InputStream in = KrakenFixtures.open(name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    @Test
    void v1RecordingImportsWithAllChecksumsVerifiedAndTheJournalVerifiesTheSame() throws IOException {
        Path file = fixture(KrakenFixtures.WS_V1_BOOK10_XBTUSD);
        Path journal = tmp.resolve("journal");

        assertThat(run("import", "kraken-ws", file.toString(), "--journal", journal.toString())).isZero();
        assertThat(outLines()).contains("frames read: 1150", "frames skipped: 170", "snapshots: 1", "updates: 979",
                "checksums verified: 979", "checksum mismatches: 0");
        assertThat(err.toString()).isEmpty();

        assertThat(run("journal", "verify", journal.toString())).isZero();
        assertThat(outLines()).contains("snapshots: 1", "updates: 979", "checksums verified: 979",
                "checksum mismatches: 0");

        assertThat(run("journal", "dump", journal.toString(), "--type", "MarketDataIncremental")).isZero();
        assertThat(outLines()).hasSize(979);
        // original times: the recording was made on 2023-08-30
        assertThat(outLines().get(0)).startsWith("2023-08-30T").contains("kraken-ws");
    }

    @Test
    void v2RecordingImportsWithAssetPairsPrecision() throws IOException {
        Path file = fixture(KrakenFixtures.WS_V2_BOOK10_BTCUSD);
        Path pairs = fixture(KrakenFixtures.REST_ASSET_PAIRS);
        Path journal = tmp.resolve("journal");

        assertThat(run("import", "kraken-ws", file.toString(), "--journal", journal.toString(), "--asset-pairs",
                pairs.toString(), "--pairs", "XBT/USD")).isZero();
        assertThat(outLines()).contains("frames read: 510", "snapshots: 1", "updates: 509",
                "checksums verified: 510", "checksum mismatches: 0");

        // the snapshot's checksum is not in the journal (a snapshot carries none): 509 there
        assertThat(run("journal", "verify", journal.toString())).isZero();
        assertThat(outLines()).contains("updates: 509", "checksums verified: 509", "checksum mismatches: 0");
    }

    @Test
    void aTamperedUpdateIsAMismatchAndExitCode3ForImportAndVerify() throws IOException {
        Path file = fixture(KrakenFixtures.WS_V1_BOOK10_XBTUSD);
        List<String> lines = Files.readAllLines(file);
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("13.54109952")) {
                at = i;
            }
        }
        lines.set(at, lines.get(at).replace("13.54109952", "13.54109953"));
        Files.write(file, lines);
        Path journal = tmp.resolve("journal");

        assertThat(run("import", "kraken-ws", file.toString(), "--journal", journal.toString()))
                .isEqualTo(ImportCommand.EXIT_MISMATCH);
        assertThat(outLines()).contains("checksum mismatches: 1", "checksums verified: 1",
                "updates not verified: 978");

        assertThat(run("journal", "verify", journal.toString())).isEqualTo(JournalCommand.EXIT_MISMATCH);
        assertThat(outLines()).contains("checksum mismatches: 1");
        assertThat(out.toString()).contains("checksum mismatch: XBT/USD (kraken-ws:book-10)");
    }

    @Test
    void aMissingFileIsOneLineOnStderrAndNothingIsJournaled() {
        Path journal = tmp.resolve("journal");
        assertThat(run("import", "kraken-ws", tmp.resolve("nope.jsonl").toString(), "--journal", journal.toString()))
                .isEqualTo(ImportCommand.EXIT_INPUT);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("fluxfix: ").contains("nope.jsonl does not exist");
        assertThat(journal).doesNotExist();
    }

    @Test
    void aFileWithoutBookOrTradeFramesIsRefused() throws IOException {
        Path file = tmp.resolve("status.jsonl");
        Files.writeString(file, "{\"event\":\"heartbeat\"}\nnot json at all\n");
        assertThat(run("import", "kraken-ws", file.toString(), "--journal", tmp.resolve("j").toString()))
                .isEqualTo(ImportCommand.EXIT_INPUT);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .contains("no Kraken WebSocket book or trade frame in 2 lines");
    }

    @Test
    void timePrefixedLinesKeepThePrefixTimeAndOtherLinesAreSkippedAndCounted() throws IOException {
        Path file = tmp.resolve("prefixed.jsonl");
        Files.writeString(file, String.join("\n",
                "1700000000.5: {\"event\":\"heartbeat\"}",
                "1700000001.25: [1,{\"as\":[[\"100.0\",\"1.0\",\"1.0\"]],\"bs\":[[\"99.0\",\"2.0\",\"1.0\"]]},\"book-10\",\"XBT/USD\"]",
                "garbage",
                "1700000002: [1,{\"b\":[[\"99.5\",\"1.5\",\"2.0\"]],\"c\":\"" + crcOf("100010", "99515", "99020") + "\"},\"book-10\",\"XBT/USD\"]",
                "1700000003: [2,[[\"100.0\",\"0.5\",\"1700000003.1\",\"b\",\"m\",\"\"]],\"trade\",\"XBT/USD\"]",
                ""));
        Path journal = tmp.resolve("journal");
        assertThat(run("import", "kraken-ws", file.toString(), "--journal", journal.toString())).isZero();
        assertThat(outLines()).contains("frames read: 5", "frames skipped: 2", "snapshots: 1", "updates: 1",
                "trades: 1", "checksums verified: 1", "checksum mismatches: 0");
        assertThat(run("journal", "dump", journal.toString(), "--type", "MarketDataSnapshot")).isZero();
        assertThat(out.toString()).startsWith("2023-11-14T22:13:21.250Z");
    }

    private static long crcOf(String... parts) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(String.join("", parts).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return crc.getValue();
    }
}
