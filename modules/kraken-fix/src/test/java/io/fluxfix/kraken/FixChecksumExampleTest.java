package io.fluxfix.kraken;

import io.fluxfix.model.Instrument;
import io.fluxfix.model.event.InstrumentList;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import io.fluxfix.model.kraken.BookChecksum;
import io.fluxfix.testkit.fixtures.KrakenFixtures;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kraken's documented FIX checksum example, end to end through the codec: the InstrumentList gives the
 * precisions, the W builds the book, the X updates it, and the model's checksum of the result equals the X's
 * 5041. (The fixture's MarketDataRequest carries a wrong CheckSum in Kraken's page; it is not needed here.)
 */
class FixChecksumExampleTest {

    private static final Stamp STAMP = new Stamp(0, 0, 0);

    @Test
    void theCodecAndTheChecksumReproduceKrakensExample() throws Exception {
        KrakenFixParser parser = new KrakenFixParser();
        KrakenDecoder decoder = new KrakenDecoder();
        List<String> lines = KrakenFixtures.lines(KrakenFixtures.FIX_CHECKSUM_EXAMPLE);
        InstrumentList list = (InstrumentList) decoder.decode(parser.parsePiped(line(lines, "35=y")), STAMP);
        MarketDataSnapshot w = (MarketDataSnapshot) decoder.decode(parser.parsePiped(line(lines, "35=W")), STAMP);
        MarketDataIncrement x = (MarketDataIncrement) decoder.decode(parser.parsePiped(line(lines, "35=X")), STAMP);

        Instrument btc = list.instruments().get(0);
        assertThat(btc.pricePrecision()).isEqualTo(1);
        assertThat(btc.qtyPrecision()).isEqualTo(8);
        TreeMap<Long, Long> asks = new TreeMap<>();
        TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        w.entries().forEach(e -> apply(e, btc, asks, bids));
        x.entries().forEach(e -> apply(e, btc, asks, bids));

        BookChecksum checksum = new BookChecksum();
        asks.entrySet().stream().limit(10).forEach(e -> checksum.add(e.getKey(), e.getValue()));
        bids.entrySet().stream().limit(10).forEach(e -> checksum.add(e.getKey(), e.getValue()));
        assertThat(x.checksum()).isEqualTo(3341325816L);
        assertThat(checksum.value()).isEqualTo(x.checksum());
    }

    private static void apply(MdEntry e, Instrument i, TreeMap<Long, Long> asks, TreeMap<Long, Long> bids) {
        TreeMap<Long, Long> side = e.type() == MdEntryType.BID ? bids : asks;
        long px = e.price().unscaledAt(i.pricePrecision());
        long qty = e.size().unscaledAt(i.qtyPrecision());
        if (e.action() == MdUpdateAction.DELETE || qty == 0) {
            side.remove(px);
        } else {
            side.put(px, qty);
        }
    }

    private static String line(List<String> lines, String type) {
        return lines.stream().filter(l -> l.contains("|" + type + "|")).findFirst().orElseThrow();
    }
}
