package io.fluxfix.journal.internal;

import io.fluxfix.model.Decimal;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The frame decode of a market-data record ({@link RecordCodec#readMarketData}) gives back every field of every
 * entry — also those it reads from the record bytes only when asked (entry time, timestamp, taker order type,
 * aggressor side) — and rejects what the model decode rejects: an enum code out of range, an entry cut short.
 */
class RecordFrameTest {

    private static final MdEntry TRADE = new MdEntry(null, MdEntryType.TRADE, "T1", Decimal.of(300_001, 1),
            Decimal.of(12_345, 8), 1_700_000_000_000_000_001L, 1_700_000_000_000_000_002L, 77L, OrdType.LIMIT,
            Side.SELL);
    private static final MdEntry LEVEL = new MdEntry(MdUpdateAction.CHANGE, MdEntryType.BID, "B30000.0",
            Decimal.of(300_000, 1), Decimal.of(50_000_000, 8), 5L, 6L, 7L, null, null);
    private static final MarketDataIncrement INC = new MarketDataIncrement(new Stamp(1_000, 20_550, 9), "md",
            "BTC/USD", List.of(LEVEL, TRADE), 4_294_967_295L);

    @Test
    void everyFieldComesBackIncludingTheOnesReadOnDemand() {
        RecordFrame frame = decode(encode());
        assertThat(frame.entryCount()).isEqualTo(2);
        assertThat(frame.entry(0)).isEqualTo(LEVEL);
        assertThat(frame.entry(1)).isEqualTo(TRADE);
        assertThat(frame.action(1)).isNull();
        assertThat(frame.type(1)).isEqualTo(MdEntryType.TRADE);
        assertThat(frame.queueTime(1)).isEqualTo(77L);
        assertThat(frame.checksum()).isEqualTo(4_294_967_295L);
        assertThat(frame.symbol()).isEqualTo("BTC/USD");
        assertThat(frame.mdReqId()).isEqualTo("md");
    }

    @Test
    void anEnumCodeOutOfRangeOrAnEntryCutShortIsRejected() {
        byte[] ok = encode();
        // The trade's aggressor side is the record's last byte before the 8-byte checksum.
        byte[] badSide = ok.clone();
        badSide[badSide.length - 9] = (byte) (Side.values().length + 1);
        assertThatThrownBy(() -> decode(badSide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Side code");
        byte[] badOrdType = ok.clone();
        badOrdType[badOrdType.length - 10] = (byte) (OrdType.values().length + 1);
        assertThatThrownBy(() -> decode(badOrdType)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrdType code");
        // Cut inside the trade's fixed tail (its times, order type and side).
        byte[] cut = Arrays.copyOf(ok, ok.length - 12);
        assertThatThrownBy(() -> decode(cut)).isInstanceOf(RecordSource.CorruptRecordException.class);
    }

    private static byte[] encode() {
        RecordWriter out = new RecordWriter();
        RecordCodec.writeInbound(out, "spot-md", INC);
        return Arrays.copyOf(out.array(), out.length());
    }

    private static RecordFrame decode(byte[] record) {
        RecordSource in = new RecordSource().load(record, record.length);
        RecordCodec.Header h = new RecordCodec.Header(new Utf8Cache());
        assertThat(h.read(in)).isTrue();
        RecordFrame frame = new RecordFrame();
        RecordCodec.readMarketData(in, h, frame);
        return frame;
    }
}
