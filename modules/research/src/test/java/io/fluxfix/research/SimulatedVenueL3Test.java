package io.fluxfix.research;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MdEntryType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fluxfix.research.VenueHarness.MS;
import static io.fluxfix.research.VenueHarness.add;
import static io.fluxfix.research.VenueHarness.change;
import static io.fluxfix.research.VenueHarness.delete;
import static io.fluxfix.research.VenueHarness.level;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated venue over an L3 recording: the strategy's queue position is the recording's, order by order.
 * The recorded bids at 100.0 are A (2) then B (3), with C (4) at 99.9; the asks X (5) at 101.0 and Y (2) at 101.5.
 * The strategy's buy of 1 at 100.0 ("S") is the order whose place the tests follow; a recorded sell at 100.0
 * shows how much is ahead of it.
 */
class SimulatedVenueL3Test {

    private static final MdEntryType BID = MdEntryType.BID;
    private static final MdEntryType ASK = MdEntryType.OFFER;

    private VenueHarness h;

    @BeforeEach
    void setUp() {
        start(0);
    }

    private void start(long tapeWindowNanos) {
        h = new VenueHarness(true, tapeWindowNanos);
        h.snapshot(level(BID, "A", "100.0", "2"), level(BID, "B", "100.0", "3"), level(BID, "C", "99.9", "4"),
                level(ASK, "X", "101.0", "5"), level(ASK, "Y", "101.5", "2"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** How much the recording has ahead of S: the size of the smallest recorded sell at 100.0 that fills it. */
    private String ahead() {
        // sell 0.1 at a time (each a millisecond apart) until S gets something
        Decimal sold = Decimal.ZERO;
        for (int i = 0; i < 200; i++) {
            h.after(MS).trade(Side.SELL, "0.1", "100.0");
            sold = sold.add(Decimal.parse("0.1"));
            if (h.filled().signum() > 0) {
                return sold.subtract(Decimal.parse("0.1")).stripTrailingZeros().toString();
            }
        }
        return "more than 20";
    }

    private static Decimal d(String s) {
        return Decimal.parse(s);
    }

    @Test
    void theOrderJoinsBehindEveryRecordedOrderAtItsPriceAndAheadOfLaterOnes() {
        h.buy("1", "100.0");
        h.after(MS).update(add(BID, "D", "100.0", "4"));  // joins after S

        assertThat(ahead()).as("A and B, not D").isEqualTo("5");
    }

    @Test
    void aRecordedOrderAheadThatIsCancelledMovesItUp() {
        h.buy("1", "100.0");
        h.after(MS).update(delete(BID, "A", "100.0"));

        assertThat(ahead()).as("B only").isEqualTo("3");
    }

    @Test
    void aRecordedOrderBehindThatIsCancelledDoesNotMoveIt() {
        h.buy("1", "100.0");
        h.after(MS).update(add(BID, "D", "100.0", "4"));
        h.after(MS).update(delete(BID, "D", "100.0"));

        assertThat(ahead()).isEqualTo("5");
    }

    @Test
    void aRecordedOrderAheadThatShrinksMovesItUpByThatMuchAndKeepsItsPlace() {
        h.buy("1", "100.0");
        h.after(MS).update(change(BID, "A", "100.0", "0.5")); // partly filled or amended down: keeps its place
        h.after(MS).update(add(BID, "D", "100.0", "4"));

        assertThat(ahead()).as("A's 0.5 and B's 3").isEqualTo("3.5");
    }

    @Test
    void aRecordedOrderThatGrowsLosesItsPriority() {
        h.buy("1", "100.0");
        h.after(MS).update(change(BID, "A", "100.0", "2.5")); // amended up: to the back (fix-dialect.md §4.5)

        assertThat(ahead()).as("B only: A is behind S now").isEqualTo("3");
    }

    @Test
    void aRecordedOrderThatMovesPriceLosesItsPriorityAtTheNewPrice() {
        h.buy("1", "100.0");
        h.after(MS).update(change(BID, "A", "99.9", "2"));    // away from S's level
        h.after(MS).update(change(BID, "A", "100.0", "2"));   // and back: the back of the queue

        assertThat(ahead()).isEqualTo("3");
    }

    @Test
    void aRecordedOrderShownBehindOneThatCameAfterItHasLostItsPlace() {
        h.buy("1", "100.0");
        // an iceberg reload or a re-queue as the local venue writes it: deleted and new again in one message,
        // at the same price and size, now behind B in the recorded queue
        h.after(MS).update(delete(BID, "A", "100.0"), add(BID, "A", "100.0", "2"));

        assertThat(ahead()).isEqualTo("3");
    }

    @Test
    void aTradeThroughTheLevelFillsTheRecordedOrdersAheadFirstThenTheOrderAtItsOwnPrice() {
        h.buy("1", "100.0");

        h.after(MS).trade(Side.SELL, "5.5", "99.9");           // a sweep from 100.0 into 99.9

        assertThat(h.fills()).as("A and B (5) first, then 0.5 of S").singleElement().satisfies(f -> {
            assertThat(f.lastQty()).isEqualByComparingTo(d("0.5"));
            assertThat(f.lastPx()).isEqualByComparingTo(d("100.0"));
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(h.venue.source(f.execId())).isEqualTo(SimulatedVenue.Source.TAPE);
        });
    }

    @Test
    void theRecordedAskComingDownToTheOrdersPriceFillsItThereAsMaker() {
        h.buy("1", "100.0");

        // a seller took A and B and rests at 100.0: the recording shows them gone and its ask
        h.after(MS).update(delete(BID, "A", "100.0"), delete(BID, "B", "100.0"), add(ASK, "Z", "100.0", "2"));

        assertThat(h.fills()).singleElement().satisfies(f -> {
            assertThat(f.lastQty()).isEqualByComparingTo(d("1"));
            assertThat(f.lastPx()).isEqualByComparingTo(d("100.0"));
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(h.venue.source(f.execId())).isEqualTo(SimulatedVenue.Source.BOOK);
        });
    }

    @Test
    void crossingTheRecordedBookTakesItsOrdersAtTheirPrices() {
        h.buy("6", "101.5");

        List<ExecutionReport> fills = h.fills();
        assertThat(fills).extracting(f -> f.lastQty().toString() + "@" + f.lastPx())
                .containsExactly("5@101", "1@101.5");
        assertThat(fills).allSatisfy(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER));
    }

    @Test
    void aTradeShownAfterItsBookChangeIsCountedOnce() {
        close();
        start(10 * MS);
        h.buy("1", "100.0");
        h.after(MS).update(delete(BID, "A", "100.0"));        // a sell of 2 took A ...
        h.after(MS).trade(Side.SELL, "2", "100.0");           // ... printed a millisecond later on another session
        h.after(20 * MS);

        assertThat(ahead()).as("B only, not B less 2").isEqualTo("3");
    }

    @Test
    void aTradeShownAfterItsBookChangeStillFillsTheOrderWhenItWentThroughItsPlace() {
        close();
        start(10 * MS);
        h.buy("1", "100.0");
        h.after(MS).update(add(BID, "D", "100.0", "4"));      // behind S
        // a sell of 6 took A, B and 1 of D: with S ahead of D, S would have had 1 of it
        h.after(MS).update(delete(BID, "A", "100.0"), delete(BID, "B", "100.0"), change(BID, "D", "100.0", "3"));
        h.after(MS).trade(Side.SELL, "6", "100.0");

        List<ExecutionReport> fills = h.fills();
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.lastQty()).isEqualByComparingTo(d("1"));
            assertThat(h.venue.source(f.execId())).isEqualTo(SimulatedVenue.Source.TAPE);
        });
    }
}
