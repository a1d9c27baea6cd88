package io.fluxfix.journal;

import io.fluxfix.journal.internal.RecordCodec;
import io.fluxfix.journal.internal.RecordWriter;
import io.fluxfix.model.command.Command;
import io.fluxfix.model.event.Event;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bytes of format version {@value RecordCodec#VERSION} do not move: every sample event and command, written
 * twice through one writer (the second pass takes the writer's recent-string copies), hashes to what the
 * encoder wrote before the writer's combined primitives (branch {@code journal8}) were introduced. A change of
 * the encoding must bump the version and keep the old one readable, not silently change these bytes.
 */
class RecordFormatPinTest {

    /** SHA-256 of the records below as written at b63e076 (the encoder before journal8). */
    private static final String VERSION_1_DIGEST = "2346396b98d2bf5219764dd9f12f33d588cde3fe4dbb9375faca7d98a266597e";

    @Test
    void everyRecordTypeEncodesToTheVersionOneBytes() throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        RecordWriter out = new RecordWriter(4); // tiny: growth inside the combined writes too
        for (int pass = 0; pass < 2; pass++) {
            long seq = 1;
            for (Event e : Samples.events(1)) {
                out.clear();
                RecordCodec.writeInbound(out, "spot-trading", e);
                sha.update(out.array(), 0, out.length());
            }
            for (Command c : Samples.commands()) {
                out.clear();
                RecordCodec.writeOutbound(out, "spot-trading", Samples.T0 + seq, Samples.DAY, seq++, c);
                sha.update(out.array(), 0, out.length());
            }
        }
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(VERSION_1_DIGEST);
    }
}
