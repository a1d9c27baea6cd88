package io.fluxfix.bench.harness;

import io.fluxfix.kraken.KrakenEncoder;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import quickfix.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded BTC/USD book for the harness: ten levels a side around 50 000 (tick 0.1, quantities with 8 decimals),
 * then increments that each change the size of one bid level and one ask level — the commonest Kraken update.
 * The same seed gives the same ticks.
 */
final class SyntheticTicks {

    static final String SYMBOL = "BTC/USD";
    static final String REQ = "bench";
    static final int LEVELS = 10;
    private static final long BID0 = 500_000; // 50000.0 at 1 decimal
    private final SplittableRandom random;
    private long seq;

    SyntheticTicks(long seed) {
        this.random = new SplittableRandom(seed);
    }

    MarketDataSnapshot snapshot(long nanos) {
        List<MdEntry> entries = new ArrayList<>();
        for (int i = 0; i < LEVELS; i++) {
            entries.add(MdEntry.level(MdEntryType.BID, null, Decimal.of(BID0 - i, 1), size(), Stamp.NO_TIME));
            entries.add(MdEntry.level(MdEntryType.OFFER, null, Decimal.of(BID0 + 1 + i, 1), size(), Stamp.NO_TIME));
        }
        return new MarketDataSnapshot(new Stamp(nanos, 0, ++seq), REQ, SYMBOL, entries);
    }

    /** Two entries: a bid level's new size and an ask level's. */
    MarketDataIncrement next(long nanos) {
        int b = random.nextInt(LEVELS);
        int a = random.nextInt(LEVELS);
        return new MarketDataIncrement(new Stamp(nanos, 0, ++seq), REQ, SYMBOL, List.of(
                MdEntry.update(MdUpdateAction.CHANGE, MdEntryType.BID, null, Decimal.of(BID0 - b, 1), size(),
                        Stamp.NO_TIME),
                MdEntry.update(MdUpdateAction.CHANGE, MdEntryType.OFFER, null, Decimal.of(BID0 + 1 + a, 1), size(),
                        Stamp.NO_TIME)), MarketDataIncrement.NO_CHECKSUM);
    }

    private Decimal size() {
        return Decimal.of(1 + random.nextLong(500_000_000L), 8);
    }

    /** {@code n} increments as the venue would send them: complete 35=X messages (header, length, checksum). */
    List<String> fixMessages(int n) {
        KrakenEncoder encoder = new KrakenEncoder();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Message m = encoder.encode(next(1_775_000_000_000_000_000L + i * 1_000L));
            m.getHeader().setString(8, "FIX.4.4");
            m.getHeader().setString(49, "KRAKEN-MD");
            m.getHeader().setString(56, "CLIENT");
            m.getHeader().setInt(34, i + 2);
            m.getHeader().setString(52, "20260407-14:32:07.000");
            out.add(m.toString());
        }
        return out;
    }
}
