package io.fluxfix.research;

import io.fluxfix.book.BookView;
import io.fluxfix.book.Books;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.command.NewOrder;
import io.fluxfix.model.event.Event;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.strategy.Trade;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated venue's queue-position model (L2) and fill rules, on hand-made books. */
class SimulatedVenueTest {

    private static final String BTC = "BTC/USD";
    private static final long T = 1_700_000_000_000_000_000L;

    private SimulatedVenue venue;
    private final Sinks.Many<Event> md = Sinks.many().unicast().onBackpressureBuffer();
    private long now = T;

    @BeforeEach
    void setUp() {
        venue = new SimulatedVenue(Map.of(BTC, new int[] {1, 8}), Map.of(), Decimal.parse("0.0016"),
                Decimal.parse("0.0026"));
        md.asFlux().transform(Books.l2().precision(BTC, 1, 8).build())
                .subscribe(e -> venue.book(BTC, (BookView) e, now));
        md.tryEmitNext(new MarketDataSnapshot(new Stamp(now, 0, 1), "r", BTC, List.of(
                MdEntry.level(MdEntryType.BID, null, Decimal.parse("100.0"), Decimal.parse("5"), Stamp.NO_TIME),
                MdEntry.level(MdEntryType.OFFER, null, Decimal.parse("101.0"), Decimal.parse("5"), Stamp.NO_TIME))));
    }

    private void level(MdEntryType type, String price, String size) {
        now += 1_000_000;
        md.tryEmitNext(new MarketDataIncrement(new Stamp(now, 0, 2), "r", BTC, List.of(MdEntry.update(
                Decimal.parse(size).signum() == 0 ? MdUpdateAction.DELETE : MdUpdateAction.CHANGE, type, null,
                Decimal.parse(price), Decimal.parse(size), Stamp.NO_TIME)), MarketDataIncrement.NO_CHECKSUM));
    }

    private void newLevel(MdEntryType type, String price, String size) {
        now += 1_000_000;
        md.tryEmitNext(new MarketDataIncrement(new Stamp(now, 0, 2), "r", BTC, List.of(MdEntry.update(
                MdUpdateAction.NEW, type, null, Decimal.parse(price), Decimal.parse(size), Stamp.NO_TIME)),
                MarketDataIncrement.NO_CHECKSUM));
    }

    private void buy(String qty, String price) {
        venue.command(NewOrder.limit("1", BTC, Side.BUY, Decimal.parse(qty), Decimal.parse(price),
                TimeInForce.GOOD_TILL_CANCEL, ExecInstructions.NONE, now), now);
    }

    private void sellTrade(String qty) {
        venue.trade(new Trade(BTC, Decimal.parse("100.0"), Decimal.parse(qty), Side.SELL, now), now);
    }

    private Decimal filled() {
        Decimal sum = Decimal.ZERO;
        for (Event e : venue.drainReports()) {
            if (e instanceof ExecutionReport er && er.isFill()) {
                sum = sum.add(er.lastQty());
            }
        }
        return sum;
    }

    @Test
    void aJoiningOrderWaitsBehindWhatWasThereAndAheadOfWhatCameLater() {
        buy("1", "100.0");
        assertThat(filled().signum()).isZero();
        level(MdEntryType.BID, "100.0", "8");           // 3 more join behind the strategy's order

        sellTrade("5");                                  // the 5 that were ahead trade
        assertThat(filled().signum()).as("still behind the first 5").isZero();
        sellTrade("1");
        assertThat(filled()).isEqualTo(Decimal.parse("1"));
    }

    @Test
    void aShrinkingLevelLosesItsNewestQuantityFirstAndTheOrderMovesUpOnlyPastWhatWasAhead() {
        buy("1", "100.0");
        level(MdEntryType.BID, "100.0", "8");           // 5 ahead, the order, 3 behind
        level(MdEntryType.BID, "100.0", "6");           // 2 leave: from behind (3 -> 1)
        level(MdEntryType.BID, "100.0", "2");           // 4 leave: the last 1 behind, then 3 of the 5 ahead

        sellTrade("2");                                  // the 2 still ahead trade
        assertThat(filled().signum()).as("still behind 2").isZero();
        sellTrade("1");
        assertThat(filled()).isEqualTo(Decimal.parse("1"));
    }

    @Test
    void aRestingOrderFillsAtItsOwnPriceWhenTheRecordedBookTradesThroughIt() {
        buy("1", "100.5");                               // inside the spread: alone at 100.5
        assertThat(filled().signum()).isZero();

        newLevel(MdEntryType.OFFER, "100.4", "2");       // the recorded ask moves through the bid

        List<ExecutionReport> fills = venue.drainReports().stream().filter(e -> e instanceof ExecutionReport)
                .map(e -> (ExecutionReport) e).filter(ExecutionReport::isFill).toList();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastQty()).isEqualTo(Decimal.parse("1"));
        assertThat(fills.get(0).lastPx()).isEqualTo(Decimal.parse("100.5"));
    }

    @Test
    void anOrderThatCrossesTheRecordedBookTakesItsLiquidityAtTheRecordedPrices() {
        buy("7", "101.0");                               // the recorded ask: 5 at 101.0

        List<ExecutionReport> fills = venue.drainReports().stream().filter(e -> e instanceof ExecutionReport)
                .map(e -> (ExecutionReport) e).filter(ExecutionReport::isFill).toList();
        assertThat(fills).hasSize(1);
        assertThat(fills.get(0).lastQty()).isEqualTo(Decimal.parse("5"));
        assertThat(fills.get(0).lastPx()).isEqualTo(Decimal.parse("101.0"));
    }
}
