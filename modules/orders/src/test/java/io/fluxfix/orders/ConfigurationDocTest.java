package io.fluxfix.orders;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration.md} lists exactly the order sink's keys, with their defaults. */
class ConfigurationDocTest {

    @Test
    void orderSinkKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("orders", OrderSinkConfig.KEYS));
    }

    @Test
    void riskKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("orders-risk", RiskLimits.KEYS));
    }
}
