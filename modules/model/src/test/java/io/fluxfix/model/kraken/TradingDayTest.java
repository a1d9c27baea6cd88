package io.fluxfix.model.kraken;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class TradingDayTest {

    @Test
    void theDayRollsOverAt2200Utc() {
        TradingDay kraken = TradingDay.KRAKEN;
        int before = kraken.dayOf(nanos("2026-04-07T21:59:59.999999999Z"));
        int at = kraken.dayOf(nanos("2026-04-07T22:00:00Z"));
        assertThat(TradingDay.toDate(before)).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(TradingDay.toDate(at)).isEqualTo(LocalDate.of(2026, 4, 8));
        assertThat(kraken.dayOf(nanos("2026-04-08T00:00:00Z"))).isEqualTo(at);
        assertThat(kraken.dayOf(nanos("1969-12-31T23:00:00Z"))).as("before the epoch").isEqualTo(0);
    }

    @Test
    void nextRolloverIsStrictlyLater() {
        TradingDay kraken = TradingDay.KRAKEN;
        assertThat(kraken.nextRollover(nanos("2026-04-07T14:00:00Z"))).isEqualTo(nanos("2026-04-07T22:00:00Z"));
        assertThat(kraken.nextRollover(nanos("2026-04-07T22:00:00Z"))).isEqualTo(nanos("2026-04-08T22:00:00Z"));
        assertThat(kraken.nextRollover(nanos("2026-04-07T23:30:00Z"))).isEqualTo(nanos("2026-04-08T22:00:00Z"));
    }

    @Test
    void aMidnightRolloverNumbersDaysByTheirOwnDate() {
        TradingDay midnight = new TradingDay(LocalTime.MIDNIGHT);
        assertThat(TradingDay.toDate(midnight.dayOf(nanos("2026-04-07T23:59:59Z")))).isEqualTo(LocalDate.of(2026, 4, 7));
    }

    private static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
