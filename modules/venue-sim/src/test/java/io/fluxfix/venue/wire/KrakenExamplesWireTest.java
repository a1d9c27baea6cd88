package io.fluxfix.venue.wire;

import io.fluxfix.kraken.KrakenEndpoint;
import io.fluxfix.testkit.fix.FixConnection;
import io.fluxfix.testkit.fix.FixMessage;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static io.fluxfix.venue.wire.VenueFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message fix-dialect.md §2 shows the venue sending, for the requests this venue serves, reproduced in the
 * same situation: the same body fields (values that are the venue's own — ids, times — aside). Kraken's field
 * table says fills carry 527 SecondaryExecID although its examples do not show it; the venue sends it.
 */
class KrakenExamplesWireTest extends WireTestBase {

    static final String NEW = "…|35=8|34=3|49=KRAKEN-TRD|56=CLIENT|…|6=0|11=1744036325000000|14=0|17=EXEC002:TRD001|"
            + "37=OQNCZM-NVAVC-AVD2LO|38=0.001|39=0|40=2|44=84000|54=1|55=BTC/USD|58=buy 0.001 BTC/USD @ limit 84000|59=1|"
            + "60=…|150=0|151=0.001|381=0|…";
    static final String FILL = "…|6=84000|11=1744036325000000|14=0.001|17=EXEC003:TRD001|31=84000|32=0.001|"
            + "37=OQNCZM-NVAVC-AVD2LO|38=0.001|39=2|40=2|44=84000|54=1|55=BTC/USD|59=1|60=…|118=84|136=1|137=0.168|"
            + "138=USD|139=4|150=F|151=0|381=84|1003=TRADE-001|5050=1|…";
    static final String CANCEL = "8=FIX.4.4|9=267|35=8|34=6|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:06.000|6=0|"
            + "11=1744036325300000|14=0|17=EXEC010:TRD001|37=OQNCZM-NVAVC-AVD2LO|38=0.001|39=4|40=2|"
            + "41=1744036325000000|44=84000|54=1|55=BTC/USD|58=Order canceled by user|59=1|60=20260407-14:32:06.000|"
            + "150=4|151=0|381=0|10=159|";
    static final String REPLACE = "8=FIX.4.4|9=245|35=8|34=7|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:10.000|6=0|"
            + "11=1744036325100000|14=0|17=EXEC011:TRD001|37=OQNCZM-NVAVC-AVD2LO|38=0.002|39=5|40=2|"
            + "41=1744036325000000|44=83500|54=1|55=BTC/USD|59=1|60=20260407-14:32:10.000|150=5|151=0.002|381=0|10=136|";
    static final String BMR_FUNDS = "8=FIX.4.4|9=127|35=j|34=16|49=KRAKEN-TRD|56=CLIENT|52=20260407-14:32:05.122|45=0|"
            + "58=EOrder:Insufficient funds|372=D|379=1744036325000000|380=0|10=080|";
    static final String REJECT_SIDE = "…|35=3|34=14|49=KRAKEN-TRD|56=CLIENT|…|45=12|371=54|372=D|373=1|"
            + "58=Missing mandatory field: Side (54)|…";

    @Test
    void newOrderAcknowledgement() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "0.001", "84000");
            FixMessage er = awaitReport(a, id, "0");
            assertThat(bodyTags(er)).isEqualTo(exampleTags(NEW));
            assertThat(er.get(58)).isEqualTo("buy 0.001 BTC/USD @ limit 84000");
            assertThat(er.get(6)).isEqualTo("0");
            assertThat(er.get(14)).isEqualTo("0");
            assertThat(er.get(38)).isEqualTo("0.001");
            assertThat(er.get(39)).isEqualTo("0");
            assertThat(er.get(44)).isEqualTo("84000");
            assertThat(er.get(151)).isEqualTo("0.001");
            assertThat(er.get(381)).isEqualTo("0");
            assertThat(er.get(37)).matches("O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}");
            assertThat(er.get(17)).matches("[A-Z2-7]{13}:TRD001");
        }
    }

    @Test
    void fillWithCumulativeFee() {
        try (FixConnection a = alice(); FixConnection b = bob()) {
            String sell = limit(b, "2", "0.001", "84000");
            awaitReport(b, sell, "0");
            String buy = limit(a, "1", "0.001", "84000");
            FixMessage fill = awaitReport(a, buy, "F");
            Set<Integer> expected = new TreeSet<>(exampleTags(FILL));
            expected.add(527);
            assertThat(bodyTags(fill)).isEqualTo(expected);
            assertThat(fill.get(6)).isEqualTo("84000");
            assertThat(fill.get(14)).isEqualTo("0.001");
            assertThat(fill.get(31)).isEqualTo("84000");
            assertThat(fill.get(32)).isEqualTo("0.001");
            assertThat(fill.get(39)).isEqualTo("2");
            assertThat(fill.get(118)).isEqualTo("84");
            assertThat(fill.get(381)).isEqualTo("84");
            assertThat(fill.get(136)).isEqualTo("1");
            assertThat(fill.get(137)).as("84 × 0.26 % taker").isEqualTo("0.2184");
            assertThat(fill.get(138)).isEqualTo("USD");
            assertThat(fill.get(139)).isEqualTo("4");
            assertThat(fill.get(151)).isEqualTo("0");
            assertThat(fill.get(5050)).isEqualTo("1");
            FixMessage makerFill = awaitReport(b, sell, "F");
            assertThat(makerFill.get(5050)).isEqualTo("0");
            assertThat(makerFill.get(1003)).isEqualTo(fill.get(1003));
        }
    }

    @Test
    void cancelConfirmation() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "0.001", "84000");
            FixMessage ack = awaitReport(a, id, "0");
            String cancelId = f.clOrdId();
            a.send("F", "11=" + cancelId + "|37=" + ack.get(37) + "|41=" + id + "|54=1|55=BTC/USD|60=" + f.transactTime());
            FixMessage er = awaitReport(a, cancelId, "4");
            assertThat(bodyTags(er)).isEqualTo(exampleTags(CANCEL));
            assertThat(er.get(41)).isEqualTo(id);
            assertThat(er.get(39)).isEqualTo("4");
            assertThat(er.get(58)).isEqualTo("Order canceled by user");
            assertThat(er.get(151)).isEqualTo("0");
        }
    }

    @Test
    void amendConfirmation() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "0.001", "84000");
            FixMessage ack = awaitReport(a, id, "0");
            String amendId = f.clOrdId();
            a.send("G", "11=" + amendId + "|37=" + ack.get(37) + "|41=" + id + "|54=1|55=BTC/USD|60=" + f.transactTime()
                    + "|38=0.002|40=2|44=83500|59=1");
            FixMessage er = awaitReport(a, amendId, "5");
            assertThat(bodyTags(er)).isEqualTo(exampleTags(REPLACE));
            assertThat(er.get(37)).isEqualTo(ack.get(37));
            assertThat(er.get(38)).isEqualTo("0.002");
            assertThat(er.get(39)).isEqualTo("5");
            assertThat(er.get(44)).isEqualTo("83500");
            assertThat(er.get(151)).isEqualTo("0.002");
        }
    }

    @Test
    void statusReport() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "0.001", "84000");
            FixMessage ack = awaitReport(a, id, "0");
            String statusId = f.clOrdId();
            a.send("H", "11=" + statusId + "|37=" + ack.get(37) + "|55=BTC/USD");
            FixMessage er = awaitReport(a, statusId, "I");
            assertThat(er.get(39)).isEqualTo("0");
            assertThat(er.get(151)).isEqualTo("0.001");
            Set<Integer> expected = new TreeSet<>(exampleTags(NEW));
            expected.remove(58);
            expected.add(41); // the order's own ClOrdID, since 11 is the request's
            assertThat(bodyTags(er)).isEqualTo(expected);
        }
    }

    @Test
    void businessRejectForInsufficientFunds() {
        try (FixConnection a = alice()) {
            String id = limit(a, "1", "100", "84000");
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j"));
            assertThat(bodyTags(j)).isEqualTo(exampleTags(BMR_FUNDS));
            assertThat(j.get(45)).isEqualTo("0");
            assertThat(j.get(58)).isEqualTo("EOrder:Insufficient funds");
            assertThat(j.get(372)).isEqualTo("D");
            assertThat(j.get(379)).isEqualTo(id);
            assertThat(j.get(380)).isEqualTo("0");
        }
    }

    @Test
    void businessRejectsForOrderMinimumAndUnknownOrder() {
        try (FixConnection a = alice()) {
            limit(a, "1", "0.00001", "84000");
            assertThat(awaitMatching(a, m -> m.msgType().equals("j")).get(58)).isEqualTo("EOrder:Order minimum not met");
            String cancelId = f.clOrdId();
            a.send("F", "11=" + cancelId + "|41=1744036325999000|54=1|55=BTC/USD|60=" + f.transactTime());
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && cancelId.equals(m.get(379)));
            assertThat(j.get(58)).isEqualTo("EOrder:Unknown order");
            assertThat(j.get(372)).isEqualTo("F");
            assertThat(j.get(380)).isEqualTo("101");
        }
    }

    @Test
    void sessionRejectsInKrakensWords() {
        try (FixConnection a = alice()) {
            a.send("D", "11=" + f.clOrdId() + "|55=BTC/USD|40=2|44=84000|38=0.001|59=1|60=" + f.transactTime());
            FixMessage noSide = awaitMatching(a, m -> m.msgType().equals("3"));
            assertThat(bodyTags(noSide)).isEqualTo(exampleTags(REJECT_SIDE));
            assertThat(noSide.get(58)).isEqualTo("Missing mandatory field: Side (54)");
            assertThat(noSide.get(371)).isEqualTo("54");
            assertThat(noSide.get(373)).isEqualTo("1");
            assertThat(noSide.get(45)).isEqualTo(Integer.toString(a.msgSeqNum() - 1));
            a.send("D", "11=" + f.clOrdId() + "|55=BTC/USD|54=1|40=Z|44=84000|38=0.001|59=1|60=" + f.transactTime());
            FixMessage badType = awaitMatching(a, m -> m.msgType().equals("3") && "40".equals(m.get(371)));
            // U-SR's example spells the field OrderType, not the FIX dictionary's OrdType
            assertThat(badType.get(58)).isEqualTo("Invalid value for tag 40: OrderType");
            assertThat(badType.get(373)).isEqualTo("5");
        }
    }

    @Test
    void derivativesRequireCombUuidClOrdIds() {
        try (FixConnection d = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            assertThat(f.logonAlice(d).msgType()).isEqualTo("A");
            d.send("D", "11=1744036325000000|55=PF_XBTUSD|54=1|40=2|44=84000|38=0.001|59=1|18=s|60=" + f.transactTime());
            FixMessage r = awaitMatching(d, m -> m.msgType().equals("3"));
            assertThat(r.get(58)).isEqualTo("COMB UUIDv4 required for ClOrdID on derivatives");
            assertThat(r.get(371)).isEqualTo("11");
            assertThat(r.get(373)).isEqualTo("5");
            assertThat(r.get(372)).isEqualTo("D");

            String comb = comb();
            d.send("D", "11=" + comb + "|55=PF_XBTUSD|54=1|40=2|44=84000|38=0.001|59=1|18=s|60=" + f.transactTime());
            FixMessage er = awaitReport(d, comb, "0");
            assertThat(er.get(37)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(er.get(17)).matches("[A-Z2-7]{13}:TRD001");
            assertThat(io.fluxfix.kraken.ExecIds.recoverLow48(er.get(17)))
                    .isEqualTo(Long.parseLong(comb.substring(24), 16));
            assertThat(er.get(58)).isEqualTo("buy 0.001 PF_XBTUSD @ limit 84000");
            assertThat(er.get(49)).isEqualTo("KRAKEN-DRV-TRD");
        }
    }

    static final String FUTURES_FILL = "…|17=6B2NDTNHRQAAB:TRD001|31=84000|32=0.001|…|137=0.042|138=USD|139=4|150=F|"
            + "151=0|381=84|1003=TRADE-FUT-001|5050=1|…";

    @Test
    void derivativesFillLikeKrakensFuturesExample() {
        try (FixConnection b = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, "BOB-DRV");
             FixConnection a = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            assertThat(f.logonBob(b).msgType()).isEqualTo("A");
            assertThat(f.logonAlice(a).msgType()).isEqualTo("A");
            String sell = futures(b, "2", "0.001", "84000");
            awaitReport(b, sell, "0");
            String buy = futures(a, "1", "0.001", "84000");
            FixMessage ack = awaitReport(a, buy, "0");
            FixMessage fill = awaitReport(a, buy, "F");
            assertThat(bodyTags(fill)).containsAll(exampleTags(FUTURES_FILL));
            assertThat(fill.get(31)).isEqualTo("84000");
            assertThat(fill.get(32)).isEqualTo("0.001");
            assertThat(fill.get(137)).as("84 × 0.05 % taker").isEqualTo("0.042");
            assertThat(fill.get(138)).isEqualTo("USD");
            assertThat(fill.get(139)).isEqualTo("4");
            assertThat(fill.get(151)).isEqualTo("0");
            assertThat(fill.get(381)).isEqualTo("84");
            assertThat(fill.get(5050)).isEqualTo("1");
            // an order's consecutive ExecIDs differ in the last base32 digit (…AAA, …AAB in Kraken's example)
            assertThat(fill.get(17).substring(0, 12)).isEqualTo(ack.get(17).substring(0, 12));
            assertThat(fill.get(17).charAt(12)).isEqualTo((char) (ack.get(17).charAt(12) + 1));
            assertThat(awaitReport(b, sell, "F").get(1003)).isEqualTo(fill.get(1003));
        }
    }

    @Test
    void derivativesIocThatCannotTradeGetsKrakensBusinessReject() {
        try (FixConnection a = f.connect(KrakenEndpoint.DERIVATIVES_TRADING, VenueFixture.ALICE_DRV)) {
            assertThat(f.logonAlice(a).msgType()).isEqualTo("A");
            String ioc = futures(a, "1", "0.001", "84000", "3");
            FixMessage j = awaitMatching(a, m -> m.msgType().equals("j") && ioc.equals(m.get(379)));
            assertThat(bodyTags(j)).isEqualTo(exampleTags("…|35=j|34=10|49=KRAKEN-DRV-TRD|56=CLIENT-DRV|…|45=0|"
                    + "58=IOC_WOULD_ENTER_BOOK|372=D|379=a17d4971-f00d-4f67-94d1-e7d604104ed2|380=0|…"));
            assertThat(j.get(58)).isEqualTo("IOC_WOULD_ENTER_BOOK");
            assertThat(j.get(45)).isEqualTo("0");
            assertThat(j.get(372)).isEqualTo("D");
            assertThat(j.get(380)).isEqualTo("0");
        }
    }

    static boolean isType(FixMessage m, String type) {
        return m.msgType().equals(type);
    }

    static FixMessage first(FixConnection c, String type) {
        return c.awaitMessage(type, WAIT);
    }
}
