package io.fluxfix.journal;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalConfigTest {

    @TempDir
    Path dir;

    @Test
    void journalKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("journal", JournalConfig.KEYS));
    }

    @Test
    void defaultsAndValuesAreRead() {
        JournalConfig defaults = JournalConfig.read(ConfigSource.of("test.yaml", Map.of()));
        assertThat(defaults).isEqualTo(new JournalConfig(Path.of("data/journal"), 30, 3));

        JournalConfig set = JournalConfig.read(ConfigSource.of("test.yaml", Map.of(
                "journal.dir", dir.toString(), "journal.retention-days", "0", "journal.index-days", "1")));
        assertThat(set).isEqualTo(new JournalConfig(dir, 0, 1));
        try (ChronicleJournal journal = set.builder().open()) {
            assertThat(journal.dir()).isEqualTo(dir);
        }
    }

    @Test
    void aBadValueNamesTheKey() {
        assertThatThrownBy(() -> JournalConfig.read(ConfigSource.of("test.yaml",
                Map.of("journal.retention-days", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("journal.retention-days");
    }
}
