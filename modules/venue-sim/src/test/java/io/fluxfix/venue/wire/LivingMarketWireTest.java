package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue's background market over FIX: a subscriber sees a quoted book that moves and trades as the venue
 * clock runs, rebuilds it with every 5041 agreeing, and a client's market order fills against it.
 */
class LivingMarketWireTest extends WireTestBase {

    @Override
    Map<String, String> overrides() {
        Map<String, String> m = new java.util.HashMap<>(io.fluxfix.venue.BackgroundAccounts.config("100000000000", "1000000"));
        m.putAll(Map.ofEntries(
                Map.entry("venue.market.synthetic", "true"),
                Map.entry("venue.market.seed", "42"),
                Map.entry("instruments.BTC/USD.reference-price", "84000"),
                Map.entry("venue.market.actions-per-second", "200"),
                Map.entry("venue.market-data.max-queued-messages", "50")));
        return m;
    }

    private void run(Duration d) {
        for (long ms = 0; ms < d.toMillis(); ms += 250) {
            f.advance(Duration.ofMillis(250));
            f.venue.tick();
        }
    }

    @Test
    void aSubscriberSeesAQuotedMovingMarketAndAClientTradesWithIt() {
        run(Duration.ofSeconds(1));
        try (FixConnection md = f.connect(KrakenEndpoint.SPOT_MARKET_DATA, VenueFixture.ALICE); FixConnection a = alice()) {
            md.logon();
            md.awaitMessage("A", WAIT);
            md.send("V", "262=live|263=1|264=10|265=1|267=3|269=0|269=1|269=2|146=1|55=BTC/USD");
            FixMessage w = md.awaitMessage("W", WAIT);
            assertThat(w.getAll(269)).as("ten levels a side").hasSize(20);
            MarketDataWireTest.Book book = new MarketDataWireTest.Book();
            book.apply(w);

            run(Duration.ofSeconds(10));
            md.send("x", "320=sync|559=4"); // answered after everything the venue sent before it
            md.awaitMessage("y", WAIT);
            int updates = 0;
            int trades = 0;
            while (md.received().stream().filter(m -> m.msgType().equals("X")).count() > updates) {
                FixMessage x = md.awaitMessage("X", WAIT);
                book.apply(x);
                if (x.get(5041) != null) {
                    assertThat(Long.parseLong(x.get(5041))).isEqualTo(book.crc(1, 8));
                }
                trades += (int) x.getAll(269).stream().filter("2"::equals).count();
                updates++;
            }
            assertThat(updates).as("book updates in ten seconds").isGreaterThan(20);
            assertThat(trades).as("background trades").isGreaterThan(5);
            assertThat(book.bids).hasSize(10);
            assertThat(book.asks).hasSize(10);

            String id = f.clOrdId();
            a.send("D", "11=" + id + "|55=BTC/USD|54=1|40=1|38=0.01|59=3|60=" + f.transactTime());
            FixMessage fill = awaitReport(a, id, "F");
            assertThat(fill.get(31)).isEqualTo(book.asks.firstKey().stripTrailingZeros().toPlainString());
        }
    }

    @Test
    void aSubscriberThatDoesNotReadIsDisconnectedInsteadOfGrowingTheVenuesMemory() throws Exception {
        run(Duration.ofSeconds(1));
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(f.trustStore)) {
            store.load(in, io.fluxfix.venue.tls.SelfSignedTls.TRUST_STORE_PASSWORD.toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        tls.init(null, tmf.getTrustManagers(), null);
        java.net.Socket tcp = new java.net.Socket();
        tcp.setReceiveBufferSize(2048);
        tcp.connect(new java.net.InetSocketAddress("localhost", f.port(KrakenEndpoint.SPOT_MARKET_DATA)), 5000);
        try (javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(tcp, "localhost",
                tcp.getPort(), true)) {
            ssl.startHandshake();
            String now = FixConnection.utcTimestamp(java.time.Instant.now());
            String header = "|49=" + VenueFixture.ALICE + "|56=KRAKEN-MD|52=" + now;
            ssl.getOutputStream().write(FixMessage.frame("FIX.4.4", "35=A|34=1" + header + "|98=0|108=30").bytes());
            ssl.getOutputStream().write(FixMessage.frame("FIX.4.4", "35=V|34=2" + header
                    + "|262=slow|263=1|264=0|265=1|267=3|269=0|269=1|269=2|55=BTC/USD").bytes());
            ssl.getOutputStream().flush();
            quickfix.SessionID sid = new quickfix.SessionID("FIX.4.4", "KRAKEN-MD", VenueFixture.ALICE);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> quickfix.Session.lookupSession(sid) != null
                    && quickfix.Session.lookupSession(sid).isLoggedOn());
            // the venue keeps publishing; the client reads nothing
            int ticks = 0;
            while (quickfix.Session.lookupSession(sid).isLoggedOn() && ticks < 40_000) {
                f.advance(Duration.ofMillis(250));
                f.venue.tick();
                ticks++;
            }
            assertThat(quickfix.Session.lookupSession(sid).isLoggedOn())
                    .as("disconnected as a slow consumer after %d ticks", ticks).isFalse();
        }
    }
}
