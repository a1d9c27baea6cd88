package io.fluxfix.runner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxfix.testkit.fix.VenueClocks;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalTime;

/**
 * For tests that run a venue and its clients on the machine's clock: the daily rollover (which logs every session
 * out for half a minute) hours away from now, and the shipped config files with it set on both sides.
 */
final class RealClockConfig {

    /** The venues' and the sessions' rollover time in these tests: {@link VenueClocks#rolloverAwayFrom} now. */
    static final LocalTime ROLLOVER = VenueClocks.rolloverAwayFrom(Instant.now());

    private RealClockConfig() {
    }

    /** config/venue-local.yaml with its {@code venue.rollover-time} at {@link #ROLLOVER}. */
    static String venueLocal() throws IOException {
        String copy = Files.readString(FluxfixProcess.ROOT.resolve("config/venue-local.yaml"), UTF_8)
                .replaceFirst("(?m)^  rollover-time: .*$", "  rollover-time: \"" + ROLLOVER + "\"");
        assertThat(copy).contains("  rollover-time: \"" + ROLLOVER + "\"");
        return copy;
    }

    /**
     * config/local.yaml with every session's {@code rollover-time} at {@link #ROLLOVER} (the embedded venue's file,
     * {@code embedded-venue.config}, is the caller's to point at a {@link #venueLocal} copy).
     */
    static String local() throws IOException {
        String shipped = Files.readString(FluxfixProcess.ROOT.resolve("config/local.yaml"), UTF_8);
        String copy = shipped.replaceAll("(?m)^(    reconnect-max-backoff: .*)$",
                "$1\n    rollover-time: \"" + ROLLOVER + "\"");
        long sessions = shipped.lines().filter(l -> l.startsWith("    endpoint: ")).count();
        assertThat(copy.lines().filter(l -> l.equals("    rollover-time: \"" + ROLLOVER + "\"")).count())
                .as("a rollover-time in each of the %d sessions", sessions).isEqualTo(sessions).isPositive();
        return copy;
    }
}
