package io.fluxfix.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fluxfix.config.YamlConfig;
import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.model.config.ConfigSource;
import io.fluxfix.runner.hooks.RunnerHooks;
import io.fluxfix.testkit.fix.VenueClocks;
import io.fluxfix.testkit.net.FreePorts;
import io.fluxfix.venue.LocalVenue;
import io.fluxfix.venue.VenueConfig;
import io.fluxfix.venue.tls.SelfSignedTls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A strategy naming a symbol the venue does not trade, against a venue the runner does not embed (so the
 * config check cannot know): once the venue's instrument list arrives the runner says, in the log and on
 * {@code /health}, which key of which file names the unknown symbol, instead of only "book not received yet".
 */
class UnknownSymbolTest {

    private static final String KEY = "unknown-symbol-key";
    private static final String SECRET = "dW5rbm93bi1zZWNyZXQ="; // base64 "unknown-secret"
    /** Venue and sessions on the machine's clock: their daily rollover hours away. */
    private static final LocalTime ROLLOVER = VenueClocks.rolloverAwayFrom(Instant.now());

    @TempDir
    Path tmp;

    @Test
    void aSymbolMissingFromTheVenuesInstrumentListIsNamedWithItsConfigKey() {
        SelfSignedTls tls = SelfSignedTls.ensure(tmp.resolve("tls"), Duration.ofDays(30), Clock.systemUTC());
        VenueConfig venueConfig = VenueConfig.read(ConfigSource.of("venue-test", Map.ofEntries(
                Map.entry("venue.port-base", Integer.toString(FreePorts.venueBase())),
                Map.entry("venue.data-dir", tmp.resolve("venue").toString()),
                Map.entry("venue.persistence", "false"),
                Map.entry("venue.rollover-time", ROLLOVER.toString()),
                Map.entry("venue.market.synthetic", "false"),
                Map.entry("accounts.quant.spot-comp-id", "UNKSYM"),
                Map.entry("accounts.quant.api-key", KEY),
                Map.entry("accounts.quant.api-secret", SECRET),
                Map.entry("instruments.BTC/USD.price-precision", "1"),
                Map.entry("instruments.BTC/USD.qty-precision", "8"),
                Map.entry("instruments.BTC/USD.tick-size", "0.1"),
                Map.entry("instruments.BTC/USD.qty-min", "0.0001"))));
        try (LocalVenue venue = LocalVenue.start(venueConfig, new LocalVenue.Options(InstantSource.system(), true,
                LocalVenue.VenueTls.of(tls), false))) {
            String yaml = """
                    journal:
                      dir: %s
                    fix-store:
                      dir: %s
                    sessions:
                      md:
                        endpoint: spot-market-data
                        host: localhost
                        port: %d
                        sender-comp-id: UNKSYM
                        reconnect-interval: 1s
                        rollover-time: "%s"
                        tls:
                          trust-store: %s
                      trd:
                        endpoint: spot-trading
                        host: localhost
                        port: %d
                        sender-comp-id: UNKSYM
                        reconnect-interval: 1s
                        rollover-time: "%s"
                        tls:
                          trust-store: %s
                    strategies:
                      q1:
                        strategy: quoter
                        symbols: [BTC/USD, NOPE/USD]
                    http:
                      enabled: false
                    """.formatted(tmp.resolve("journal"), tmp.resolve("store"),
                    venue.port(KrakenEndpoint.SPOT_MARKET_DATA), ROLLOVER, tls.trustStore(),
                    venue.port(KrakenEndpoint.SPOT_TRADING), ROLLOVER, tls.trustStore());
            RunnerConfig config = RunnerConfig.read(YamlConfig.parse("unknown.yaml", yaml), StrategyRegistry.declared());
            try (Runner runner = Runner.start(config, new Runner.Options(Map.of("KRAKEN_FIX_API_KEY", KEY,
                    "KRAKEN_FIX_API_SECRET", SECRET), InstantSource.system(), new RunnerHooks(),
                    StrategyRegistry.declared()))) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(runner.notReady())
                        .anySatisfy(r -> assertThat(r).contains("unknown.yaml: strategies.q1.symbols: NOPE/USD is "
                                + "not an instrument of the venue (the instrument list of session md has 1)")));
                List<String> reasons = runner.notReady();
                assertThat(reasons).as("the known symbol is not blamed").noneMatch(r -> r.contains("BTC/USD is not"));
                assertThat(runner.live().lastEvents()).as("the status page's event log says it once")
                        .filteredOn(e -> e.type().equals("UnknownSymbol")).singleElement()
                        .satisfies(e -> assertThat(e.text()).contains("NOPE/USD").contains("35=Y"));
            }
        }
    }
}
