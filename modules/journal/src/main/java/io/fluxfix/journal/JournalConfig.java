package io.fluxfix.journal;

import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.model.config.ConfigSource;

import java.nio.file.Path;
import java.util.List;

/**
 * The journal's configuration keys ({@code journal.*}), declared once; {@code docs/configuration.md} is checked
 * against {@link #KEYS}.
 *
 * @param dir           where the day files go
 * @param retentionDays days of files kept, 0 = all
 * @param indexDays     newest days read on open for {@link Journal#holdsInbound}
 */
public record JournalConfig(Path dir, int retentionDays, int indexDays) {

    public static final ConfigKey<Path> DIR = ConfigKey.path("journal.dir", "data/journal",
            "Directory of the client's journal: one Chronicle Queue file per UTC day.");
    public static final ConfigKey<Integer> RETENTION_DAYS = ConfigKey.integer("journal.retention-days", 30, 0, 36_500,
            "Days of journal files kept; older day files are deleted on open and at the first append of a new day. "
                    + "0 keeps everything.");
    public static final ConfigKey<Integer> INDEX_DAYS = ConfigKey.integer("journal.index-days",
            ChronicleJournal.DEFAULT_INDEX_CYCLES, 0, 366,
            "Newest UTC days of the journal read on open to recognise PossDup resends of received messages "
                    + "(3 covers the current and the previous Kraken session day).");

    public static final List<ConfigKey<?>> KEYS = List.of(DIR, RETENTION_DAYS, INDEX_DAYS);

    /** Reads the {@code journal.*} keys of {@code source}, with their defaults. */
    public static JournalConfig read(ConfigSource source) {
        return new JournalConfig(DIR.read(source), RETENTION_DAYS.read(source), INDEX_DAYS.read(source));
    }

    /** A journal builder with these settings. */
    public ChronicleJournal.Builder builder() {
        return ChronicleJournal.builder(dir).retentionDays(retentionDays).indexCycles(indexDays);
    }
}
