package io.fluxfix.research;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MdEntryType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.fluxfix.research.VenueHarness.MS;
import static io.fluxfix.research.VenueHarness.change;
import static io.fluxfix.research.VenueHarness.level;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated venue over an L2 recording: the conservative queue-position model, the fill rules, and recorded
 * trades (the tape), on hand-made books. The recorded bid is 5 at 100.0, the ask 5 at 101.0.
 */
class SimulatedVenueTest {

    private VenueHarness h;

    private void start(long tapeWindowNanos) {
        h = new VenueHarness(false, tapeWindowNanos);
        h.snapshot(level(MdEntryType.BID, null, "100.0", "5"), level(MdEntryType.OFFER, null, "101.0", "5"));
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** The recorded bid level at 100.0 becomes {@code qty}, one millisecond on. */
    private void bid(String qty) {
        h.after(MS).update(change(MdEntryType.BID, null, "100.0", qty));
    }

    /** A recorded sell of {@code qty} at 100.0, one millisecond on. */
    private void sellTrade(String qty) {
        h.after(MS).trade(Side.SELL, qty, "100.0");
    }

    private static Decimal d(String s) {
        return Decimal.parse(s);
    }

    // ---- the queue model ----------------------------------------------------------------------------------------

    @Test
    void aJoiningOrderWaitsBehindWhatWasThereAndAheadOfWhatCameLater() {
        start(0);
        h.buy("1", "100.0");
        assertThat(h.filled().signum()).isZero();
        bid("8");                                        // 3 more join behind the strategy's order

        sellTrade("5");                                  // the 5 that were ahead trade
        assertThat(h.filled().signum()).as("still behind the first 5").isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
    }

    @Test
    void aShrinkingLevelLosesItsNewestQuantityFirstAndTheOrderMovesUpOnlyPastWhatWasAhead() {
        start(0);
        h.buy("1", "100.0");
        bid("8");                                        // 5 ahead, the order, 3 behind
        bid("6");                                        // 2 leave: from behind (3 -> 1)
        bid("2");                                        // 4 leave: the last 1 behind, then 3 of the 5 ahead

        sellTrade("2");                                  // the 2 still ahead trade
        assertThat(h.filled().signum()).as("still behind 2").isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
    }

    @Test
    void aRestingOrderFillsAtItsOwnPriceWhenTheRecordedBookTradesThroughIt() {
        start(0);
        h.buy("1", "100.5");                             // inside the spread: alone at 100.5
        assertThat(h.filled().signum()).isZero();

        h.after(MS).update(VenueHarness.add(MdEntryType.OFFER, null, "100.4", "2")); // the ask moves through the bid

        List<ExecutionReport> fills = h.fills();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastQty()).isEqualByComparingTo(d("1"));
        assertThat(fills.get(0).lastPx()).isEqualByComparingTo(d("100.5"));
        assertThat(fills.get(0).liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(h.venue.source(fills.get(0).execId())).isEqualTo(SimulatedVenue.Source.BOOK);
    }

    @Test
    void anOrderThatCrossesTheRecordedBookTakesItsLiquidityAtTheRecordedPrices() {
        start(0);
        h.buy("7", "101.0");                             // the recorded ask: 5 at 101.0

        List<ExecutionReport> fills = h.fills();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastQty()).isEqualByComparingTo(d("5"));
        assertThat(fills.get(0).lastPx()).isEqualByComparingTo(d("101.0"));
        assertThat(fills.get(0).liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(h.venue.source(fills.get(0).execId())).isEqualTo(SimulatedVenue.Source.TAKER);
    }

    // ---- the tape -----------------------------------------------------------------------------------------------

    @Test
    void aTradeAtTheOrdersPriceFillsOnlyWhatItLeavesAfterTheQueueAhead() {
        start(0);
        h.buy("1", "100.0");                             // behind 5

        sellTrade("5.4");

        List<ExecutionReport> fills = h.fills();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastQty()).isEqualByComparingTo(d("0.4"));
        assertThat(fills.get(0).lastPx()).isEqualByComparingTo(d("100.0"));
        assertThat(h.venue.source(fills.get(0).execId())).isEqualTo(SimulatedVenue.Source.TAPE);
    }

    @Test
    void aTradeAtAWorsePriceForTheRestingSideFillsItUpToTheTradesSize() {
        start(0);
        h.buy("1", "100.5");                             // better than the recorded bid: first in line

        h.after(MS).trade(Side.SELL, "0.6", "100.0");
        List<ExecutionReport> first = h.fills();
        h.after(MS).trade(Side.SELL, "3", "100.0");
        List<ExecutionReport> second = h.fills();

        assertThat(first).singleElement().satisfies(f -> {
            assertThat(f.lastQty()).isEqualByComparingTo(d("0.6"));
            assertThat(f.lastPx()).as("at its own price").isEqualByComparingTo(d("100.5"));
        });
        assertThat(second).singleElement().satisfies(f -> assertThat(f.lastQty()).isEqualByComparingTo(d("0.4")));
    }

    @Test
    void aTradeOfTheOtherSideDoesNotFillIt() {
        start(0);
        h.buy("1", "100.5");                             // alone at the best bid

        h.after(MS).trade(Side.BUY, "10", "101.0");      // a buyer lifts the ask
        h.after(MS).trade(Side.BUY, "10", "100.5");      // even at the order's own price

        assertThat(h.fills()).isEmpty();
    }

    @Test
    void aTradeAndTheBookChangeItCausedAreCountedOnceWhicheverComesFirst() {
        // the book change first (an earlier record), then the trade within the window
        start(10 * MS);
        h.buy("1", "100.0");                             // behind 5, nothing behind it
        bid("3");                                        // a trade of 2 took the front ...
        sellTrade("2");                                  // ... and is printed a millisecond later
        h.after(20 * MS);
        sellTrade("3");                                  // the 3 still ahead
        assertThat(h.filled().signum()).as("still behind 3: the 2 counted once").isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
        h.close();

        // the trade first, then the book change
        start(10 * MS);
        h.buy("1", "100.0");
        sellTrade("2");
        bid("3");
        h.after(20 * MS);
        sellTrade("3");
        assertThat(h.filled().signum()).as("still behind 3").isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
    }

    @Test
    void aTradeLaterThanTheWindowIsNotTheBookChangesCause() {
        start(10 * MS);
        h.buy("1", "100.0");                             // behind 5
        bid("3");                                        // 2 cancelled (from the back: here, from ahead)
        h.after(20 * MS);
        sellTrade("2");                                  // an unrelated trade, after the window

        sellTrade("1");                                  // ahead: 5 - 2 cancelled - 2 traded = 1
        assertThat(h.filled().signum()).isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
    }

    @Test
    void theStrategyNeverTakesQuantityTheRecordingHadLostAndTheTradeThatTookItIsNotReplayedAgain() {
        start(10 * MS);
        h.buy("1", "100.0");                             // behind 5
        bid("3");                                        // 2 left (a trade not yet printed): held in the window

        h.after(MS).sell("1", "99.0");                   // the strategy sells into the bids
        List<ExecutionReport> took = h.fills();
        assertThat(took).as("its sell took 1 of the 3 really there").singleElement()
                .satisfies(f -> assertThat(f.side()).isEqualTo(Side.SELL));

        sellTrade("2");                                  // the trade that took the 2: already gone, not again
        h.after(20 * MS);
        sellTrade("2");                                  // the 2 still ahead
        assertThat(h.filled().signum()).as("still behind 2").isZero();
        sellTrade("1");
        assertThat(h.filled()).isEqualByComparingTo(d("1"));
    }
}
