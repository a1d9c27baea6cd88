package io.fluxfix.venue.wire;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fluxfix.kraken.ApiSecret;
import io.fluxfix.kraken.LogonSignature;
import io.fluxfix.testkit.fix.FixConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** No credential of a Logon (553 key, 554 password, 5025 nonce) reaches a venue log, message store or journal. */
class SecretsWireTest extends WireTestBase {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        logs.stop();
    }

    @Test
    void credentialsAppearNowhereTheVenueWrites() throws Exception {
        String nonce = Long.toString(f.now.get().toEpochMilli() + 1);
        String password = LogonSignature.sign("alice-key", ApiSecret.ofBase64(VenueFixture.SECRET_A), 1, "ALICE",
                "KRAKEN-TRD", nonce);
        try (FixConnection a = f.spot(VenueFixture.ALICE)) {
            a.logon("553=alice-key|554=" + password + "|5025=" + nonce);
            assertThat(a.awaitMessage("A", WAIT)).isNotNull();
            awaitReport(a, limit(a, "1", "0.001", "84000"), "0");
            a.logout("done");
            a.awaitMessage("5", WAIT);
        }
        // a refused logon with a wrong password is logged too
        try (FixConnection b = f.spot(VenueFixture.BOB)) {
            b.logon("553=bob-key|554=" + password + "|5025=" + nonce);
            b.awaitMessage("5", WAIT);
        }
        f.close();
        List<String> secrets = List.of("alice-key", "bob-key", password, nonce, VenueFixture.SECRET_A);

        String logged = String.join("\n", logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
        assertThat(logged).as("the venue logged the logons").contains("35=A");
        for (String s : secrets) {
            assertThat(logged).as("log").doesNotContain(s);
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String content = read(p);
                for (String s : secrets) {
                    assertThat(content).as(p.toString()).doesNotContain(s);
                }
            }
        }
        f = new VenueFixture(tls, data, overrides()); // for the @AfterEach that closes it
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
