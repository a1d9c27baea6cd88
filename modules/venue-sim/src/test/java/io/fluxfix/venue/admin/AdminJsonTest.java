package io.fluxfix.venue.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxfix.model.Decimal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminJsonTest {

    private final ObjectMapper json = AdminJson.newMapper();

    @ParameterizedTest
    @CsvSource({
            "28013.50, 28013.50",
            "0.00000100, 0.00000100",
            "-0.5, -0.5",
            "-12.50, -12.50",
            "0, 0",
            "0.000000000000000001, 0.000000000000000001",
            "9223372036854775807, 9223372036854775807",
            "-922337203.6854775807, -922337203.6854775807"})
    void decimalIsAJsonNumberWithItsExactDigits(String text, String expected) throws Exception {
        assertThat(json.writeValueAsString(Decimal.parse(text))).isEqualTo(expected);
    }

    @Test
    void theMostNegativeMantissaKeepsItsDigits() throws Exception {
        assertThat(json.writeValueAsString(Decimal.of(Long.MIN_VALUE, 10))).isEqualTo("-922337203.6854775808");
    }

    @Test
    void bigDecimalIsNeverInScientificNotation() throws Exception {
        assertThat(json.writeValueAsString(List.of(new BigDecimal("1E+3"), new BigDecimal("1E-8"),
                new BigDecimal("0.10")))).isEqualTo("[1000,0.00000001,0.10]");
    }

    @Test
    void timesAreIso8601Strings() throws Exception {
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("instant", Instant.parse("2026-11-22T09:30:00.123Z"));
        times.put("date", LocalDate.of(2026, 11, 22));
        times.put("offset", OffsetDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneOffset.ofHours(1)));
        times.put("zoned", ZonedDateTime.of(2026, 11, 22, 9, 30, 0, 0, ZoneId.of("Europe/London")));
        times.put("duration", Duration.ofMillis(250));

        assertThat(json.writeValueAsString(times)).isEqualTo("{\"instant\":\"2026-11-22T09:30:00.123Z\","
                + "\"date\":\"2026-11-22\",\"offset\":\"2026-11-22T09:30+01:00\","
                + "\"zoned\":\"2026-11-22T09:30:00Z\",\"duration\":\"PT0.25S\"}");
    }

    record Fill(String execId, Decimal lastPx, Decimal lastQty, Instant at, boolean maker) {
    }

    @Test
    void recordsUseTheirComponentNamesInOrder() throws Exception {
        Fill fill = new Fill("E-1", Decimal.parse("28013.5"), Decimal.parse("0.0010"),
                Instant.parse("2026-11-22T09:30:00Z"), true);

        assertThat(json.writeValueAsString(fill)).isEqualTo("{\"execId\":\"E-1\",\"lastPx\":28013.5,"
                + "\"lastQty\":0.0010,\"at\":\"2026-11-22T09:30:00Z\",\"maker\":true}");
    }

    @Test
    void decimalMapKeysArePlainStrings() throws Exception {
        Map<Decimal, Integer> levels = new LinkedHashMap<>();
        levels.put(Decimal.parse("28013.50"), 2);

        assertThat(json.writeValueAsString(levels)).isEqualTo("{\"28013.50\":2}");
    }
}
