package io.fluxfix.venue.wire;

import io.fluxfix.model.kraken.ClOrdIdGenerator;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;

/** A venue per test (on its own data directory), a certificate per class, and helpers that speak raw FIX. */
abstract class WireTestBase {

    /** Header and trailer tags: what the session owns, not the message's content. */
    static final Set<Integer> FRAME = Set.of(8, 9, 10, 34, 35, 43, 49, 52, 56, 122);

    @TempDir
    static Path tls;
    @TempDir
    Path data;
    VenueFixture f;

    @BeforeAll
    static void certificate() {
        io.fluxfix.venue.tls.SelfSignedTls.ensure(tls, Duration.ofDays(30), Clock.systemUTC());
    }

    @BeforeEach
    void start() {
        f = new VenueFixture(tls, data, overrides());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    Map<String, String> overrides() {
        return Map.of();
    }

    FixConnection alice() {
        FixConnection c = f.spot(VenueFixture.ALICE);
        expectLogon(f.logonAlice(c));
        return c;
    }

    FixConnection bob() {
        FixConnection c = f.spot(VenueFixture.BOB);
        expectLogon(f.logonBob(c));
        return c;
    }

    FixConnection aliceDerivatives() {
        FixConnection c = f.connect(io.fluxfix.kraken.KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV);
        expectLogon(f.logonAlice(c));
        return c;
    }

    FixConnection bobDerivatives() {
        FixConnection c = f.connect(io.fluxfix.kraken.KrakenEndpoint.DERIVATIVES_TRADING, "BOB-DRV");
        expectLogon(f.logonBob(c));
        return c;
    }

    private static void expectLogon(FixMessage m) {
        if (!m.msgType().equals("A")) {
            throw new AssertionError("logon refused: " + m);
        }
    }

    /** Sends a Spot NewOrderSingle; {@code extra} fields are appended ("18=P" …). Returns the ClOrdID. */
    String limit(FixConnection c, String side, String qty, String price, String... extra) {
        String id = f.clOrdId();
        StringBuilder fields = new StringBuilder("11=" + id + "|55=BTC/USD|54=" + side + "|40=2|44=" + price + "|38=" + qty
                + "|59=1|60=" + f.transactTime());
        for (String e : extra) {
            fields.append('|').append(e);
        }
        c.send("D", fields.toString());
        return id;
    }

    /** A Derivatives limit order (18=s, COMB UUID ClOrdID) on PF_XBTUSD; {@code tif} is 59's value. Returns 11. */
    String futures(FixConnection c, String side, String qty, String price, String tif) {
        String id = comb();
        c.send("D", "11=" + id + "|55=PF_XBTUSD|54=" + side + "|40=2|44=" + price + "|38=" + qty + "|59=" + tif
                + "|18=s|60=" + f.transactTime());
        return id;
    }

    String futures(FixConnection c, String side, String qty, String price) {
        return futures(c, side, qty, price, "1");
    }

    /** A COMB UUID ClOrdID for the venue's current time. */
    String comb() {
        return comb(f.clock);
    }

    /** A COMB UUID ClOrdID whose time is {@code clock}'s (to test the ±120 s window). */
    static String comb(InstantSource clock) {
        return ClOrdIdGenerator.combUuid(clock, new SplittableRandom(UUID.randomUUID().getLeastSignificantBits()))
                .next();
    }

    FixMessage awaitReport(FixConnection c, String clOrdId, String execType) {
        return c.awaitMessage(m -> m.msgType().equals("8") && clOrdId.equals(m.get(11)) && execType.equals(m.get(150)),
                WAIT);
    }

    FixMessage awaitMatching(FixConnection c, Predicate<FixMessage> p) {
        return c.awaitMessage(p, WAIT);
    }

    /** The message's body tags (header and trailer left out), as a set. */
    static Set<Integer> bodyTags(FixMessage m) {
        Set<Integer> tags = new TreeSet<>();
        for (FixMessage.Field field : m.fields()) {
            if (!FRAME.contains(field.tag())) {
                tags.add(field.tag());
            }
        }
        return tags;
    }

    /** The body tags of a documented example message (fields separated by '|', '…' elisions ignored). */
    static Set<Integer> exampleTags(String piped) {
        Set<Integer> tags = new TreeSet<>();
        for (String part : piped.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).chars().allMatch(Character::isDigit)) {
                int tag = Integer.parseInt(part.substring(0, eq));
                if (!FRAME.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        return tags;
    }
}
