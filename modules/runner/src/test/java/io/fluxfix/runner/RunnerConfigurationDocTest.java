package io.fluxfix.runner;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.runner.run.RunnerConfig;
import io.fluxfix.runner.run.StrategySpec;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration.md} lists exactly the keys {@code fluxfix run} reads, with their defaults. */
class RunnerConfigurationDocTest {

    @Test
    void embeddedVenueKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("runner-venue", RunnerConfig.VENUE_KEYS));
    }

    @Test
    void httpAndAdminKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("runner-http", RunnerConfig.HTTP_KEYS));
    }

    @Test
    void runKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("runner", RunnerConfig.RUN_KEYS));
    }

    @Test
    void strategyKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("runner-strategy", StrategySpec.KEYS));
    }

    @Test
    void everyBuiltInStrategysParametersAreDocumented() {
        for (io.fluxfix.strategy.StrategyFactory f : io.fluxfix.strategy.Strategies.builtIn()) {
            String block = ConfigDocs.block("strategy-" + f.name(), f.parameters());
            RepoDocs.checkBlock("docs/configuration.md", block);
            RepoDocs.checkBlock("modules/strategy/README.md", block);
        }
    }
}
