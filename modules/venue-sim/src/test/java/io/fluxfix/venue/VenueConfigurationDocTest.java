package io.fluxfix.venue;

import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

import java.util.List;

/** {@code docs/configuration.md} lists exactly the venue's keys, with their defaults. */
class VenueConfigurationDocTest {

    @Test
    void venueKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue", VenueConfig.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-account", AccountConfig.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-instrument", VenueInstrument.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-asset", List.of(VenueConfig.ASSET_DECIMALS)));
    }
}
