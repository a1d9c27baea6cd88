package io.fluxfix.venue.market;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Market;
import io.fluxfix.model.Side;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.kraken.BookChecksum;
import io.fluxfix.model.kraken.TradingDay;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.engine.MatchingEngine;
import io.fluxfix.venue.engine.OrderOrigin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Kraken book as the venue's background: after every step the venue's own top-ten checksum equals the
 * checksum Kraken sent with the last recorded frame applied — for the v1 and the v2 recordings of the
 * fixtures — and a client trades against what was really there.
 */
class RecordedMarketTest {

    private static final long START = 1_775_572_325_000_000_000L;

    @TempDir
    Path dir;

    private VenueConfig config(Path recording) {
        Map<String, String> m = new HashMap<>(Map.ofEntries(
                Map.entry("venue.market.replay-file", recording.toString()),
                Map.entry("venue.market.replay-speed", "4"),
                Map.entry("accounts.alice.spot-comp-id", "ALICE"),
                Map.entry("accounts.alice.api-key", "ka"),
                Map.entry("accounts.alice.api-secret", "c2VjcmV0"),
                Map.entry("accounts.alice.balances.USD", "1000000"),
                Map.entry("assets.USD.decimals", "4"),
                Map.entry("assets.BTC.decimals", "10"),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.00001")));
        m.putAll(io.fluxfix.venue.BackgroundAccounts.config("100000000", "100000"));
        return VenueConfig.read(ConfigSource.of("t.yaml", m));
    }

    /** Kraken's top-ten checksum of the venue's book, at the precision the recording's checksums use. */
    private static long topTen(MatchingEngine engine, int pricePrecision) {
        BookChecksum crc = new BookChecksum().reset();
        for (Decimal[] l : engine.levels("BTC/USD", Side.SELL, 10)) {
            crc.add(l[0].unscaledAt(pricePrecision), l[1].unscaledAt(8));
        }
        for (Decimal[] l : engine.levels("BTC/USD", Side.BUY, 10)) {
            crc.add(l[0].unscaledAt(pricePrecision), l[1].unscaledAt(8));
        }
        return crc.value();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {KrakenFixtures.WS_V1_BOOK10_XBTUSD, KrakenFixtures.WS_V2_BOOK10_BTCUSD})
    void theVenuesChecksumIsKrakensAfterEveryStep(String fixture) throws Exception {
        Path recording = dir.resolve(fixture);
        Files.writeString(recording, KrakenFixtures.text(fixture));
        VenueConfig config = config(recording);
        MatchingEngine engine = new MatchingEngine(Market.SPOT, config, TradingDay.KRAKEN);
        RecordedMarket market = new RecordedMarket(config, Market.SPOT, engine, recording, "BTC/USD", 4);
        assertThat(market.frames()).isGreaterThan(500);
        int checked = 0;
        for (long t = START; !market.finished(); t += 100_000_000L) {
            if (market.due(t)) {
                market.step(t, (c, er) -> { });
                if (market.lastChecksum() != null) {
                    // v1 checksums the strings as sent, whose prices carry 5 decimals; v2 the pair's precision (1)
                    int precision = fixture.startsWith("ws-v1") ? 5 : 1;
                    assertThat(topTen(engine, precision)).as("after the step at %d", t).isEqualTo(market.lastChecksum());
                    checked++;
                }
            }
            assertThat(t).as("the recording plays out").isLessThan(START + 3_600_000_000_000L);
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(engine.levels("BTC/USD", Side.BUY, 20)).hasSize(10);

        // a client buys what the recording shows at the best ask
        Decimal[] ask = engine.levels("BTC/USD", Side.SELL, 1).get(0);
        List<ExecutionReport> mine = new ArrayList<>();
        NewOrder buy = NewOrder.market("1", "BTC/USD", Side.BUY, Decimal.parse("0.0001"), ExecInstructions.NONE, START);
        engine.submit(buy, new OrderOrigin("alice", "ALICE", 1), true, START, (c, er) -> mine.add(er.toExecutionReport()));
        assertThat(mine.get(mine.size() - 1).lastPx()).isEqualTo(ask[0]);
    }
}
