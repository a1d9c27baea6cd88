package io.fluxfix.kraken;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration.md} lists exactly the keys this module declares, with their defaults. */
class ConfigurationDocTest {

    @Test
    void sessionKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("session", KrakenSessionConfig.KEYS));
    }

    @Test
    void dialectKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("dialect", DialectOptions.KEYS));
    }
}
