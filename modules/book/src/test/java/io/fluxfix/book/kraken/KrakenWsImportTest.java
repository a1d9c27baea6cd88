package io.fluxfix.book.kraken;

import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KrakenWsImportTest {

    private final List<Event> events = new ArrayList<>();

    private KrakenWsImport run(String fixture, AssetPairs pairs) throws IOException {
        KrakenWsImport imp = new KrakenWsImport(pairs, Set.of(), events::add);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(KrakenFixtures.open(fixture),
                StandardCharsets.UTF_8))) {
            imp.importLines(fixture, in);
        }
        return imp;
    }

    private static AssetPairs assetPairs() throws IOException {
        try (var in = KrakenFixtures.open(KrakenFixtures.REST_ASSET_PAIRS)) {
            return AssetPairs.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in), "fixture");
        }
    }

    @Test
    void v1Book10RecordingVerifiesAll979Checksums() throws IOException {
        ImportSummary s = run(KrakenFixtures.WS_V1_BOOK10_XBTUSD, null).summary();
        System.out.println(s.lines());
        assertThat(s.snapshots()).isEqualTo(1);
        assertThat(s.checksumsVerified()).isEqualTo(979);
        assertThat(s.checksumMismatches()).isZero();
        assertThat(s.clean()).isTrue();
    }

    @Test
    void v2Book10RecordingVerifiesSnapshotAnd509Updates() throws IOException {
        ImportSummary s = run(KrakenFixtures.WS_V2_BOOK10_BTCUSD, assetPairs()).summary();
        System.out.println(s.lines());
        assertThat(s.snapshots()).isEqualTo(1);
        assertThat(s.updates()).isEqualTo(509);
        assertThat(s.checksumsVerified()).isEqualTo(510);
        assertThat(s.checksumMismatches()).isZero();
    }
}
