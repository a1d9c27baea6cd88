package io.fluxfix.journal.internal;

import io.fluxfix.journal.RecordType;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecType;
import io.fluxfix.model.Liquidity;
import io.fluxfix.model.OrdStatus;
import io.fluxfix.model.OrdType;
import io.fluxfix.model.Side;
import io.fluxfix.model.TimeInForce;
import io.fluxfix.model.event.ExecutionReport;
import io.fluxfix.model.event.Fee;
import io.fluxfix.model.event.FeeBasis;
import io.fluxfix.model.event.FeeType;
import io.fluxfix.model.event.MarketDataIncrement;
import io.fluxfix.model.event.MarketDataSnapshot;
import io.fluxfix.model.event.MdEntry;
import io.fluxfix.model.event.MdEntryType;
import io.fluxfix.model.event.MdUpdateAction;
import io.fluxfix.model.event.Stamp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoders that reserve room once and write every field through one local position (the fill, market-data
 * entries, every record's header) write exactly the version-1 bytes, checked against an independent encoder (the
 * JDK's UTF-8, a plain varint) over random events: every field null or set, strings ASCII, Latin-1, wider and
 * long, decimals of every varint length, up to five fees or forty entries — through one writer, so that its
 * remembered strings and its growth take part.
 */
class ReservedEncodingTest {

    private static final String[] STRINGS = {null, "", "1", "USD", "BTC/USD", "EXEC003:TRD001", "1744036325000000",
        "OQNCZM-NVAVC-AVD2LO", "exactly 16 chars", "sixteen + 1 char!", "é", "café au lait", "prix 3 € net",
        "🚀 fill", "a\uD800b", "\u0100" + "x".repeat(20), "y".repeat(126), "z".repeat(127), "w".repeat(300),
        "é".repeat(70)};

    @Test
    void randomReportsEncodeToTheFormatsBytes() {
        Random random = new Random(29);
        RecordWriter out = new RecordWriter(4);
        for (int i = 0; i < 5_000; i++) {
            ExecutionReport e = randomReport(random, i);
            out.clear();
            RecordCodec.writeInbound(out, "spot-trading", e);
            assertThat(Arrays.copyOf(out.array(), out.length())).as("report %d: %s", i, e)
                    .isEqualTo(expected("spot-trading", e));
        }
    }

    @Test
    void randomIncrementsAndSnapshotsEncodeToTheFormatsBytes() {
        Random random = new Random(31);
        RecordWriter out = new RecordWriter(4);
        for (int i = 0; i < 3_000; i++) {
            List<MdEntry> entries = new ArrayList<>();
            for (int k = random.nextInt(i % 10 == 0 ? 41 : 4); k > 0; k--) {
                entries.add(new MdEntry(pick(random, MdUpdateAction.values(), false),
                        pick(random, MdEntryType.values(), true), string(random), decimal(random, true),
                        decimal(random, true), random.nextLong(), random.nextLong(), random.nextLong(),
                        pick(random, OrdType.values(), false), pick(random, Side.values(), false)));
            }
            Stamp stamp = new Stamp(random.nextLong(), random.nextInt(), i);
            String session = random.nextBoolean() ? "spot-md" : string(random);
            if (session == null) {
                session = "";
            }
            out.clear();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (random.nextBoolean()) {
                MarketDataIncrement e = new MarketDataIncrement(stamp, string(random), symbol(random), entries,
                        random.nextBoolean() ? MarketDataIncrement.NO_CHECKSUM : random.nextLong() >>> 32);
                RecordCodec.writeInbound(out, session, e);
                header(b, RecordType.MARKET_DATA_INCREMENTAL, stamp, session);
                utf8(b, e.mdReqId());
                utf8(b, e.symbol());
                entries(b, entries);
                fixed(b, e.checksum(), 8);
            } else {
                MarketDataSnapshot e = new MarketDataSnapshot(stamp, string(random), symbol(random), entries);
                RecordCodec.writeInbound(out, session, e);
                header(b, RecordType.MARKET_DATA_SNAPSHOT, stamp, session);
                utf8(b, e.mdReqId());
                utf8(b, e.symbol());
                entries(b, entries);
            }
            assertThat(Arrays.copyOf(out.array(), out.length())).as("event %d", i).isEqualTo(b.toByteArray());
        }
    }

    private static void header(ByteArrayOutputStream b, RecordType type, Stamp stamp, String session) {
        b.write(RecordCodec.VERSION);
        b.write(type.code());
        b.write(0);
        fixed(b, stamp.receivedNanos(), 8);
        fixed(b, stamp.sessionDay(), 4);
        fixed(b, stamp.seqNum(), 8);
        utf8(b, session);
    }

    private static void entries(ByteArrayOutputStream b, List<MdEntry> entries) {
        varint(b, entries.size());
        for (MdEntry m : entries) {
            enumByte(b, m.action());
            enumByte(b, m.type());
            utf8(b, m.entryId());
            decimal(b, m.price());
            decimal(b, m.size());
            fixed(b, m.entryTime(), 8);
            fixed(b, m.timestamp(), 8);
            fixed(b, m.queueTime(), 8);
            enumByte(b, m.takerOrdType());
            enumByte(b, m.aggressorSide());
        }
    }

    private static ExecutionReport randomReport(Random r, long seq) {
        List<Fee> fees = new ArrayList<>();
        for (int k = r.nextInt(6); k > 0; k--) {
            fees.add(new Fee(decimal(r, false), string(r), pick(r, FeeType.values(), true),
                    pick(r, FeeBasis.values(), false)));
        }
        String orderId = string(r);
        String execId = string(r);
        String symbol = string(r);
        return new ExecutionReport(new Stamp(r.nextLong(), r.nextInt(), seq), string(r), string(r),
                orderId == null ? "O-1" : orderId, execId == null ? "E-" + seq : execId, string(r),
                pick(r, ExecType.values(), true), pick(r, OrdStatus.values(), true), symbol == null ? "BTC/USD" : symbol,
                pick(r, Side.values(), true), pick(r, OrdType.values(), false), pick(r, TimeInForce.values(), false),
                decimal(r, true), decimal(r, true), decimal(r, true), decimal(r, true), decimal(r, true),
                decimal(r, true), decimal(r, true), decimal(r, true), decimal(r, true), decimal(r, true),
                decimal(r, true), decimal(r, true), fees, string(r), pick(r, Liquidity.values(), false),
                r.nextLong(), r.nextBoolean() ? Stamp.NO_TIME : r.nextLong(), string(r), r.nextInt(), string(r));
    }

    private static String string(Random r) {
        String s = STRINGS[r.nextInt(STRINGS.length)];
        return s != null && r.nextBoolean() ? new String(s) : s; // the same String again, or an equal other one
    }

    private static String symbol(Random r) {
        String s = string(r);
        return s == null ? "BTC/USD" : s;
    }

    private static Decimal decimal(Random r, boolean nullable) {
        if (nullable && r.nextInt(4) == 0) {
            return null;
        }
        long unscaled = r.nextLong() >> r.nextInt(64); // every varint length, both signs
        return Decimal.of(unscaled, r.nextInt(9));
    }

    private static <E> E pick(Random r, E[] values, boolean required) {
        return !required && r.nextInt(4) == 0 ? null : values[r.nextInt(values.length)];
    }

    /** Version 1 of the record, written with nothing from {@link RecordWriter}. */
    private static byte[] expected(String session, ExecutionReport e) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        header(b, RecordType.EXECUTION_REPORT, e.stamp(), session);
        utf8(b, e.clOrdId());
        utf8(b, e.origClOrdId());
        utf8(b, e.orderId());
        utf8(b, e.execId());
        utf8(b, e.secondaryExecId());
        enumByte(b, e.execType());
        enumByte(b, e.ordStatus());
        utf8(b, e.symbol());
        enumByte(b, e.side());
        enumByte(b, e.ordType());
        enumByte(b, e.timeInForce());
        for (Decimal d : new Decimal[] {e.orderQty(), e.price(), e.stopPx(), e.triggerPrice(), e.displayQty(),
            e.lastPx(), e.lastQty(), e.avgPx(), e.cumQty(), e.leavesQty(), e.grossTradeAmt(), e.netMoney()}) {
            decimal(b, d);
        }
        varint(b, e.fees().size());
        for (Fee f : e.fees()) {
            decimal(b, f.amount());
            utf8(b, f.currency());
            enumByte(b, f.type());
            enumByte(b, f.basis());
        }
        utf8(b, e.tradeId());
        enumByte(b, e.liquidity());
        fixed(b, e.transactTime(), 8);
        fixed(b, e.expireTime(), 8);
        utf8(b, e.text());
        fixed(b, e.restatementReason(), 4);
        utf8(b, e.allocAccount());
        return b.toByteArray();
    }

    private static void fixed(ByteArrayOutputStream b, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b.write((int) (v >>> (8 * i)));
        }
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    private static void utf8(ByteArrayOutputStream b, String s) {
        if (s == null) {
            b.write(0);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        varint(b, bytes.length + 1L);
        b.writeBytes(bytes);
    }

    private static void decimal(ByteArrayOutputStream b, Decimal d) {
        if (d == null) {
            b.write(-1);
        } else {
            b.write(d.scale());
            varint(b, (d.unscaled() << 1) ^ (d.unscaled() >> 63));
        }
    }

    private static void enumByte(ByteArrayOutputStream b, Enum<?> e) {
        b.write(e == null ? 0 : e.ordinal() + 1);
    }
}
