package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** A venue configured to replay Kraken's v2 BTC/USD recording: a subscriber sees Kraken's book and checksums. */
class RecordedMarketWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        Path recording = data.resolve("btcusd.jsonl");
        try {
            Files.writeString(recording, KrakenFixtures.text(KrakenFixtures.WS_V2_BOOK10_BTCUSD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new java.util.HashMap<>(io.fluxfix.venue.BackgroundAccounts.config("100000000000", "1000000"));
        m.putAll(Map.ofEntries(
                Map.entry("venue.market.replay-file", recording.toString()),
                Map.entry("venue.market.replay-speed", "10")));
        return m;
    }

    @Test
    void aSubscriberSeesKrakensRecordedBookWithItsChecksums() {
        f.venue.tick(); // the first frame: Kraken's snapshot
        try (FixConnection md = f.connect(KrakenEndpoint.SPOT_MARKET_DATA, VenueFixture.ALICE)) {
            md.logon();
            md.awaitMessage("A", WAIT);
            md.send("V", "262=rec|263=1|264=10|265=1|267=2|269=0|269=1|55=BTC/USD");
            FixMessage w = md.awaitMessage("W", WAIT);
            assertThat(w.getAll(278)).contains("B29430.2", "O29430.3"); // the recording's snapshot touch
            MarketDataWireTest.Book book = new MarketDataWireTest.Book();
            book.apply(w);
            for (int i = 0; i < 40; i++) {
                f.advance(Duration.ofMillis(250));
                f.venue.tick();
            }
            md.send("x", "320=sync|559=4");
            md.awaitMessage("y", WAIT);
            long increments = md.received().stream().filter(m -> m.msgType().equals("X")).count();
            assertThat(increments).as("100 s of recorded time at speed 10").isGreaterThan(20);
            for (int i = 0; i < increments; i++) {
                FixMessage x = md.awaitMessage("X", WAIT);
                book.apply(x);
                assertThat(Long.parseLong(x.get(5041))).isEqualTo(book.crc(1, 8));
            }
        }
    }
}
