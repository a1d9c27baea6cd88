package io.fluxfix.venue.wire;

import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import io.fluxfix.venue.admin.AdminTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken's order types and instructions on the wire (issue 4): every trigger type in both directions, trailing
 * peaks, icebergs, FOK, GTD and EffectiveTime on the venue clock, 62, post-only, reduce-only, viqc, allocation
 * echo and each self-trade prevention mode. Carol and Bob make the trades that move the last price.
 */
class OrderTypesWireTest extends WireTestBase {

    static final String CAROL_SECRET = "Y2Fyb2wtc2VjcmV0"; // base64 "carol-secret"

    @Override
    Map<String, String> overrides() {
        return Map.of(
                "accounts.carol.spot-comp-id", "CAROL",
                "accounts.carol.derivatives-comp-id", "CAROL-DRV",
                "accounts.carol.api-key", "carol-key",
                "accounts.carol.api-secret", CAROL_SECRET,
                "accounts.carol.balances.USD", "1000000",
                "accounts.carol.balances.BTC", "10",
                "accounts.carol.collateral", "1000000");
    }

    FixConnection carol() {
        FixConnection c = f.spot("CAROL");
        assertThat(f.logon(c, "carol-key", CAROL_SECRET).msgType()).isEqualTo("A");
        return c;
    }

    /** Sends any Spot order: {@code fields} after 11 and 55 (54, 40, 38 … as the test needs). Returns 11. */
    String order(FixConnection c, String fields) {
        String id = f.clOrdId();
        c.send("D", "11=" + id + "|55=BTC/USD|" + fields + "|60=" + f.transactTime());
        return id;
    }

    /** Carol buys 0.001 from Bob at {@code px}: the last trade moves, Alice is not involved. */
    void trade(FixConnection carol, FixConnection bob, String px) {
        String bid = limit(carol, "1", "0.001", px);
        awaitReport(carol, bid, "0");
        String ask = limit(bob, "2", "0.001", px);
        assertThat(awaitReport(bob, ask, "F").get(31)).isEqualTo(px);
    }

    /** Every report of Alice's order so far, after a status request has made sure nothing is still on its way. */
    java.util.List<FixMessage> reportsOf(FixConnection alice, String clOrdId) {
        String orderId = alice.received().stream().filter(m -> clOrdId.equals(m.get(11)) && m.get(37) != null)
                .findFirst().orElseThrow().get(37);
        String status = f.clOrdId();
        alice.send("H", "11=" + status + "|37=" + orderId + "|55=BTC/USD");
        awaitReport(alice, status, "I");
        return alice.received().stream().filter(m -> m.msgType().equals("8") && orderId.equals(m.get(37))
                && !"I".equals(m.get(150))).toList();
    }

    @ParameterizedTest(name = "40={0} side {1}: 99={2} 44={3}, trades {4} -> fires at {5} as 40={6}")
    @CsvSource(delimiter = ';', value = {
            // type; side; 99; 44; trades before (no fire); firing trade; becomes; limit after
            "3; 2; 80000; ; 81000 80000.1; 80000; 1; ",
            "3; 1; 85000; ; 84000 84999.9; 85000; 1; ",
            "4; 2; 80000; 79500; 81000; 80000; 2; 79500",
            "4; 1; 85000; 85500; 84000; 85000; 2; 85500",
            "R; 2; 85000; ; 84000 84999.9; 85000; 1; ",
            "R; 1; 80000; ; 81000 80000.1; 80000; 1; ",
            "T; 2; 85000; 85500; 84000; 85000; 2; 85500",
            "T; 1; 80000; 79500; 81000; 80000; 2; 79500",
            "U; 2; 2000; ; 80000 83000 81500 81000.1; 81000; 1; ",
            "U; 1; 2000; ; 80000 78000 79999.9; 80000; 1; ",
            "V; 2; 1000; 200; 80000 82000 81000.1; 81000; 2; 80800",
            "V; 1; 1000; 200; 80000 78000 78999.9; 79000; 2; 79200",
    })
    void triggerOrdersWaitThenBecomeWhatTheyTriggerInto(String type, String side, String stop, String limit,
                                                          String before, String firing, String becomes, String after) {
        try (FixConnection a = alice(); FixConnection b = bob(); FixConnection c = carol()) {
            // far-away liquidity for the triggered market orders, below and above every trade of the test
            awaitReport(b, limit(b, "1", "1", "70000"), "0");
            awaitReport(b, limit(b, "2", "1", "95000"), "0");
            String id = order(a, "54=" + side + "|40=" + type + "|38=0.1|99=" + stop
                    + (limit == null ? "" : "|44=" + limit) + "|59=1");
            FixMessage ack = awaitReport(a, id, "0");
            assertThat(ack.get(40)).isEqualTo(type);
            assertThat(ack.get(99)).isEqualTo(stop);
            for (String px : before.split(" ")) {
                trade(c, b, px);
            }
            assertThat(reportsOf(a, id)).as("no trigger yet").hasSize(1);

            trade(c, b, firing);
            FixMessage fired = awaitReport(a, id, "D");
            assertThat(fired.get(39)).isEqualTo("0");
            assertThat(fired.get(40)).isEqualTo(becomes);
            assertThat(fired.get(1102)).isEqualTo(firing);
            if (becomes.equals("1")) {
                FixMessage fill = awaitReport(a, id, "F");
                assertThat(fill.get(31)).isEqualTo(side.equals("2") ? "70000" : "95000");
                assertThat(fill.get(39)).isEqualTo("2");
            } else {
                assertThat(fired.get(44)).isEqualTo(after);
                assertThat(reportsOf(a, id)).as("the limit it became rests").hasSize(2);
            }
        }
    }

    @Test
    void aDerivativesStopLossFiresOnTheLastTradeToo() {
        try (FixConnection a = aliceDerivatives(); FixConnection b = bobDerivatives()) {
            String liquidity = futures(b, "1", "1", "70000");
            awaitReport(b, liquidity, "0");
            String stop = comb();
            a.send("D", "11=" + stop + "|55=PF_XBTUSD|54=2|40=3|99=80000|38=0.5|59=1|18=s|60=" + f.transactTime());
            awaitReport(a, stop, "0");
            String ask = futures(b, "2", "0.1", "80000");
            awaitReport(b, ask, "0");
            String take = futures(a, "1", "0.1", "80000");
            awaitReport(a, take, "F");
            FixMessage fired = awaitReport(a, stop, "D");
            assertThat(fired.get(1102)).isEqualTo("80000");
            assertThat(awaitReport(a, stop, "F").get(31)).isEqualTo("70000");
        }
    }

    @Test
    void anIcebergShowsOneSliceAndEachNewSliceQueuesBehindTheOthers() {
        try (FixConnection a = alice(); FixConnection b = bob(); FixConnection c = carol()) {
            String ice = order(a, "54=2|40=2|44=84000|38=1.5|1138=0.1|59=1");
            assertThat(awaitReport(a, ice, "0").get(1138)).isEqualTo("0.1");
            String plain = limit(b, "2", "0.2", "84000");
            awaitReport(b, plain, "0");
            try (AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
                assertThat(admin.get("/state").json().at("/instruments/BTC~1USD/asks/0/qty").decimalValue())
                        .as("Bob's 0.2 and Alice's slice").isEqualByComparingTo("0.3");
            }

            String first = limit(c, "1", "0.15", "84000");
            awaitReport(c, first, "F");
            assertThat(awaitReport(a, ice, "F").get(32)).as("only the slice matched").isEqualTo("0.1");
            assertThat(awaitReport(b, plain, "F").get(32)).isEqualTo("0.05");

            String second = limit(c, "1", "0.2", "84000");
            awaitReport(c, second, "F");
            FixMessage bobsRest = awaitReport(b, plain, "F");
            assertThat(bobsRest.get(32)).as("Bob is ahead of the reloaded slice").isEqualTo("0.15");
            assertThat(bobsRest.get(39)).isEqualTo("2");
            FixMessage slice = awaitReport(a, ice, "F");
            assertThat(slice.get(32)).isEqualTo("0.05");
            assertThat(slice.get(151)).isEqualTo("1.35");
        }
    }

    @Test
    void fillOrKillFillsAllOrNothing() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            awaitReport(b, limit(b, "2", "0.5", "84000"), "0");
            awaitReport(b, limit(b, "2", "0.5", "84100"), "0");
            String kill = order(a, "54=1|40=2|44=84100|38=1.2|59=4");
            awaitReport(a, kill, "0");
            FixMessage killed = awaitReport(a, kill, "4");
            assertThat(killed.get(58)).isEqualTo("Fill or kill");
            assertThat(killed.get(14)).isEqualTo("0");

            String fill = order(a, "54=1|40=2|44=84100|38=1|59=4");
            awaitReport(a, fill, "F");
            assertThat(awaitReport(a, fill, "F").get(39)).isEqualTo("2");
        }
    }

    @Test
    void goodTillDateExpiresAndEffectiveTimeStartsOnTheVenueClock() {
        try (FixConnection a = alice()) {
            Instant expiry = f.now.get().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            String gtd = order(a, "54=1|40=2|44=83000|38=0.1|59=6|126="
                    + FixConnection.utcTimestamp(expiry).substring(0, 17));
            awaitReport(a, gtd, "0");
            Instant start = f.now.get().plusSeconds(30);
            String scheduled = order(a, "54=1|40=2|44=82000|38=0.1|59=1|168=" + VenueFixture.transactTime(start));
            FixMessage pending = awaitReport(a, scheduled, "A");
            assertThat(pending.get(39)).isEqualTo("A");

            f.advance(Duration.ofSeconds(31));
            f.venue.tick();
            assertThat(awaitReport(a, scheduled, "0").get(39)).isEqualTo("0");
            assertThat(reportsOf(a, gtd)).as("not expired yet").hasSize(1);

            f.advance(Duration.ofSeconds(30));
            f.venue.tick();
            FixMessage expired = awaitReport(a, gtd, "C");
            assertThat(expired.get(39)).isEqualTo("C");
            assertThat(expired.get(151)).isEqualTo("0");
            assertThat(expired.get(126)).isEqualTo(FixConnection.utcTimestamp(expiry).substring(0, 17));
        }
    }

    @Test
    void validUntilTimeIsCheckedForItsWindowAndForLateArrival() {
        try (FixConnection a = alice()) {
            Instant sent = f.now.get().minusSeconds(10);
            String late = f.clOrdId();
            a.send("D", "11=" + late + "|55=BTC/USD|54=1|40=2|44=83000|38=0.1|59=1|60=" + VenueFixture.transactTime(sent)
                    + "|62=" + VenueFixture.transactTime(sent.plusSeconds(5)));
            assertThat(a.awaitMessage(m -> m.msgType().equals("j") && late.equals(m.get(379)), WAIT).get(58))
                    .isEqualTo("EService:Deadline elapsed");
            String tooSoon = order(a, "54=1|40=2|44=83000|38=0.1|59=1|62="
                    + VenueFixture.transactTime(f.now.get().plusSeconds(1)));
            assertThat(a.awaitMessage(m -> m.msgType().equals("j") && tooSoon.equals(m.get(379)), WAIT).get(58))
                    .isEqualTo("EGeneral:Invalid arguments:deadline");
            String inTime = order(a, "54=1|40=2|44=83000|38=0.1|59=1|62="
                    + VenueFixture.transactTime(f.now.get().plusSeconds(30)));
            awaitReport(a, inTime, "0");
        }
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRefused() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            awaitReport(b, limit(b, "2", "1", "84000"), "0");
            String taker = limit(a, "1", "0.1", "84000", "18=P");
            FixMessage j = a.awaitMessage(m -> m.msgType().equals("j") && taker.equals(m.get(379)), WAIT);
            assertThat(j.get(58)).isEqualTo("EOrder:Post only order");
            assertThat(j.get(380)).isEqualTo("0");
            String maker = limit(a, "1", "0.1", "83900", "18=P");
            awaitReport(a, maker, "0");
        }
    }

    @Test
    void reduceOnlyOnDerivativesOnlyReducesThePosition() {
        try (FixConnection a = aliceDerivatives(); FixConnection b = bobDerivatives()) {
            awaitReport(b, futures(b, "2", "1", "84000"), "0");
            awaitReport(a, futures(a, "1", "1", "84000"), "F");
            String grow = comb();
            a.send("D", "11=" + grow + "|55=PF_XBTUSD|54=1|40=2|44=80000|38=1|59=1|18=s E|60=" + f.transactTime());
            assertThat(a.awaitMessage(m -> m.msgType().equals("j") && grow.equals(m.get(379)), WAIT).get(58))
                    .isEqualTo("WOULD_NOT_REDUCE_POSITION");

            awaitReport(b, futures(b, "1", "3", "83000"), "0");
            String reduce = comb();
            a.send("D", "11=" + reduce + "|55=PF_XBTUSD|54=2|40=1|38=2|59=3|18=s E|60=" + f.transactTime());
            assertThat(awaitReport(a, reduce, "F").get(32)).isEqualTo("1");
            assertThat(awaitReport(a, reduce, "4").get(58)).isEqualTo("EOrder:Reduce only:Position is closed");
        }
    }

    @Test
    void viqcIsSizedInBaseAndTheSubAccountIsEchoed() {
        try (FixConnection a = alice()) {
            String viqc = order(a, "54=1|40=2|44=84000|38=840|59=1|18=v|5001=1|78=1|79=sub-7");
            FixMessage ack = awaitReport(a, viqc, "0");
            assertThat(ack.get(38)).isEqualTo("0.01");
            assertThat(ack.get(79)).isEqualTo("sub-7");
        }
    }

    @ParameterizedTest(name = "7928={0}: arriving {1}, resting {2}")
    @CsvSource({"0, 4, 4", "1, 4, -", "2, 0, 4"})
    void selfTradePreventionCancelsWhatEachModeSays(String mode, String arriving, String resting) {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            String bid = limit(a, "1", "0.1", "84000");
            awaitReport(a, bid, "0");
            String sell = limit(a, "2", "0.1", "84000", "7928=" + mode);
            if (arriving.equals("4")) {
                assertThat(awaitReport(a, sell, "4").get(58)).isEqualTo("Order canceled: self-trade prevention");
            } else {
                awaitReport(a, sell, "0");
            }
            if (resting.equals("4")) {
                assertThat(awaitReport(a, bid, "4").get(58)).isEqualTo("Order canceled: self-trade prevention");
            } else {
                assertThat(reportsOf(a, bid)).as("the resting order stays").hasSize(1);
            }
            // STP is between one account's own orders: Bob's order trades with whatever of Alice's is left
            String other = limit(b, mode.equals("2") ? "1" : "2", "0.1", "84000");
            if (resting.equals("-") || mode.equals("2")) {
                assertThat(awaitReport(b, other, "F").get(39)).isEqualTo("2");
            } else {
                awaitReport(b, other, "0");
            }
        }
    }

    @ParameterizedTest(name = "{0} on Derivatives -> 35=3 371={1}")
    @CsvSource(delimiter = ';', value = {
            "40=V|99=100|44=0; 40", "40=2|44=80000|59=4; 59", "40=2|44=80000|1138=0.1; 1138",
            "40=2|44=80000|168=20300101-00:00:00.000; 168", "40=2|44=80000|7928=2; 7928", "40=2|44=80000|5001=1; 5001",
    })
    void spotOnlyFeaturesAreRefusedOnDerivatives(String fields, String tag) {
        try (FixConnection a = aliceDerivatives()) {
            String id = comb();
            a.send("D", "11=" + id + "|55=PF_XBTUSD|54=1|38=1|" + fields + (fields.contains("59=") ? "" : "|59=1")
                    + "|18=s|60=" + f.transactTime());
            FixMessage reject = a.awaitMessage("3", WAIT);
            assertThat(reject.get(373)).isEqualTo("5");
            assertThat(reject.get(371)).isEqualTo(tag);
            assertThat(reject.get(58)).startsWith("Spot only: ");
        }
    }

    @Test
    void theOperatorsIndexPriceFiresIndexOrders() {
        try (FixConnection a = alice(); FixConnection b = bob(); AdminTestClient admin = new AdminTestClient(f.venue.adminPort())) {
            awaitReport(b, limit(b, "1", "1", "70000"), "0");
            String stop = order(a, "54=2|40=3|38=0.1|99=80000|388=1|59=1");
            awaitReport(a, stop, "0");
            assertThat(admin.post("/instruments/BTC%2FUSD/index-price", "{\"price\":\"79000\"}").status()).isEqualTo(200);
            assertThat(awaitReport(a, stop, "D").get(1102)).isEqualTo("79000");
            assertThat(admin.post("/instruments/BTC%2FUSD/index-price", "{\"price\":\"-1\"}").status()).isEqualTo(400);
            assertThat(admin.post("/instruments/BTC%2FUSD/index-price", "{\"price\":\"last\"}").status()).isEqualTo(200);
        }
    }
}
