package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A venue that cannot listen says why in one line and releases what it opened (the class's leak check). */
class StartFailureWireTest extends WireTestBase {

    @TempDir
    Path otherData;

    @Test
    void aVenueOnPortsInUseFailsWithOneLineAndLeavesNothingOpen() {
        String takenBase = Integer.toString(f.port(KrakenEndpoint.SPOT_MARKET_DATA));
        assertThatThrownBy(() -> new VenueFixture(tls, otherData, Map.of("venue.port-base", takenBase)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on ports " + takenBase + "-")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // the failed venue closed its journal: another venue opens the same data directory and works
        try (VenueFixture second = new VenueFixture(tls, otherData, Map.of());
             FixConnection c = second.spot(VenueFixture.ALICE)) {
            assertThat(second.logonAlice(c).msgType()).isEqualTo("A");
        }
    }
}
