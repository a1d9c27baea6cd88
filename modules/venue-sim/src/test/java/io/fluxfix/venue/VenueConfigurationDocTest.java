package io.fluxfix.venue;

import io.fluxfix.kraken.DialectOptions;
import io.fluxfix.model.config.ConfigDocs;
import io.fluxfix.model.config.ConfigKey;
import io.fluxfix.testkit.docs.RepoDocs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} lists exactly the venue's keys, with their defaults; {@code docs/venue.md} says
 * for exactly the dialect's switches what the venue does with each.
 */
class VenueConfigurationDocTest {

    @Test
    void venueKeysAreDocumented() {
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue", VenueConfig.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-account", AccountConfig.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-instrument", VenueInstrument.KEYS));
        RepoDocs.checkBlock("docs/configuration.md", ConfigDocs.block("venue-asset", List.of(VenueConfig.ASSET_DECIMALS)));
    }

    @Test
    void theVenueGuideSaysWhatBecomesOfEveryDialectSwitch() {
        String guide = RepoDocs.read("docs/venue.md");
        Matcher rows = Pattern.compile("(?m)^\\| `(dialect\\.[a-z0-9.-]+)` \\| (.+) \\|$").matcher(guide);
        List<String> documented = new java.util.ArrayList<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        assertThat(documented).containsExactlyElementsOf(
                DialectOptions.KEYS.stream().map(ConfigKey::name).collect(Collectors.toList()));
    }
}
