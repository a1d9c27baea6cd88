package io.fluxfix.venue.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.fluxfix.model.Decimal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one Jackson configuration of the admin endpoint.
 *
 * <p>Records serialise with their component names (Jackson 2.12+ does that natively). Decimals are JSON numbers
 * with their exact digits and never in scientific notation. {@code java.time} values are ISO-8601 strings through
 * small {@code toString} serializers rather than {@code JavaTimeModule}: jackson-datatype-jsr310 would resolve,
 * but venue-sim does not depend on it, and these few types are all a snapshot needs.
 */
final class AdminJson {

    private AdminJson() {
    }

    /** A new, fully configured mapper; thread-safe once built, so share it. */
    static ObjectMapper newMapper() {
        SimpleModule venueTypes = new SimpleModule("fluxfix-venue-admin")
                .addSerializer(Decimal.class, new DecimalSerializer())
                // toString() of these is ISO-8601 already: 2026-11-22T10:15:30.123Z, 2026-11-22, PT0.25S
                .addSerializer(Instant.class, ToStringSerializer.instance)
                .addSerializer(LocalDate.class, ToStringSerializer.instance)
                .addSerializer(LocalTime.class, ToStringSerializer.instance)
                .addSerializer(LocalDateTime.class, ToStringSerializer.instance)
                .addSerializer(OffsetDateTime.class, ToStringSerializer.instance)
                .addSerializer(Duration.class, ToStringSerializer.instance)
                // ZonedDateTime.toString() appends "[Europe/London]", which is not ISO-8601.
                .addSerializer(ZonedDateTime.class, new ZonedDateTimeSerializer());
        return JsonMapper.builder()
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                // A request body is one JSON value; "{...} junk" is malformed, not silently truncated.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .addModule(venueTypes)
                .build();
    }

    /** {@link Decimal#toString()} is exact plain notation, which is valid JSON number text as it stands. */
    static final class DecimalSerializer extends StdSerializer<Decimal> {
        private static final long serialVersionUID = 1L;

        DecimalSerializer() {
            super(Decimal.class);
        }

        @Override
        public void serialize(Decimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.toString());
        }
    }

    static final class ZonedDateTimeSerializer extends StdSerializer<ZonedDateTime> {
        private static final long serialVersionUID = 1L;

        ZonedDateTimeSerializer() {
            super(ZonedDateTime.class);
        }

        @Override
        public void serialize(ZonedDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        }
    }
}
