package io.fluxfix.research;

import io.fluxfix.book.kraken.KrakenWsImport;
import io.fluxfix.journal.ChronicleJournal;
import io.fluxfix.testkit.fixtures.KrakenFixtures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/** Journals for replay tests, made the way {@code fluxfix import kraken-ws} makes them. */
final class ReplayFixtures {

    private ReplayFixtures() {
    }

    /** Imports the recorded Kraken WebSocket fixture {@code name} into a journal in {@code dir}. */
    static Path importKraken(String name, Path dir) {
        try (ChronicleJournal j = ChronicleJournal.open(dir);
             BufferedReader in = new BufferedReader(new InputStreamReader(KrakenFixtures.open(name),
                     StandardCharsets.UTF_8))) {
            KrakenWsImport imp = new KrakenWsImport(null, Set.of(), e -> j.appendInbound(KrakenWsImport.SESSION, e));
            imp.importLines(name, in);
            if (!imp.summary().clean()) {
                throw new IllegalStateException("fixture " + name + " did not import cleanly: " + imp.summary().lines());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
