package io.fluxfix.session;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration.md} lists exactly the session keys this module adds, with their defaults. */
class ConfigurationDocTest {

    @Test
    void clientSessionKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("session-client", SessionConfig.KEYS));
    }
}
