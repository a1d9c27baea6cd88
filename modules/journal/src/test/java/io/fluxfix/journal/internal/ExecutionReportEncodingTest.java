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
 * The fill's encoder (room reserved once, every field written through one local position) writes exactly the
 * version-1 bytes, checked against an independent encoder (the JDK's UTF-8, a plain varint) over random reports:
 * every field null or set, strings ASCII, Latin-1, wider and long, decimals of every varint length, up to five
 * fees — through one writer, so that its remembered strings and its growth take part.
 */
class ExecutionReportEncodingTest {

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
        b.write(RecordCodec.VERSION);
        b.write(RecordType.EXECUTION_REPORT.code());
        b.write(0);
        fixed(b, e.stamp().receivedNanos(), 8);
        fixed(b, e.stamp().sessionDay(), 4);
        fixed(b, e.stamp().seqNum(), 8);
        utf8(b, session);
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
