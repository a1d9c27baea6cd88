package io.fluxfix.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxfix.model.Decimal;
import io.fluxfix.model.ExecInstructions;
import io.fluxfix.model.event.SessionEvent;
import io.fluxfix.model.event.Stamp;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;

/**
 * A record as one line of JSON: {@code type} (the fixed vocabulary of {@link RecordType#wireName()}),
 * {@code time} (ISO-8601 UTC with nanoseconds), {@code nanos}, {@code session}, {@code direction}
 * ({@code in}/{@code out}), {@code sessionDay}, {@code seqNum}, then the payload's own fields at the top level
 * ({@code clOrdId}, {@code orderId}, {@code symbol}, {@code execType}, {@code ordStatus}, {@code text} ...).
 * Decimals are strings with their written scale; absent values and absent times are left out; a session
 * event adds {@code event} (e.g. {@code LoggedOn}).
 */
public final class JournalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .registerModule(new SimpleModule("fluxfix-model")
                    .addSerializer(Decimal.class, new ToStringSerializer<>())
                    .addSerializer(ExecInstructions.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(ExecInstructions value, JsonGenerator gen, SerializerProvider p)
                                throws IOException {
                            gen.writeStartArray();
                            for (Object i : value.toList()) {
                                gen.writeString(i.toString());
                            }
                            gen.writeEndArray();
                        }
                    }));

    private JournalJson() {
    }

    /** The record as a JSON object. */
    public static ObjectNode toJson(JournalRecord r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", r.type().wireName());
        node.put("time", Instant.ofEpochSecond(0, r.timeNanos()).toString());
        node.put("nanos", r.timeNanos());
        node.put("session", r.session());
        node.put("direction", r.direction() == Journal.Direction.IN ? "in" : "out");
        node.put("sessionDay", r.sessionDay());
        node.put("seqNum", r.seqNum());
        if (r.payload() instanceof SessionEvent e) {
            node.put("event", e.getClass().getSimpleName());
        }
        ObjectNode body = MAPPER.valueToTree(r.payload());
        body.remove("stamp"); // the header fields above are the stamp
        dropAbsentTimes(body);
        body.fields().forEachRemaining(f -> {
            if (!node.has(f.getKey())) {
                node.set(f.getKey(), f.getValue());
            } else if (!node.get(f.getKey()).equals(f.getValue())) {
                node.set("payload." + f.getKey(), f.getValue()); // e.g. a session event's own session name
            }
        });
        return node;
    }

    /** The record as one line of JSON. */
    public static String line(JournalRecord r) {
        try {
            return MAPPER.writeValueAsString(toJson(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a journal record as JSON", e);
        }
    }

    private static void dropAbsentTimes(JsonNode node) {
        if (node.isObject()) {
            Iterator<JsonNode> values = node.elements();
            while (values.hasNext()) {
                JsonNode v = values.next();
                if (v.isNumber() && v.canConvertToLong() && v.asLong() == Stamp.NO_TIME) {
                    values.remove();
                } else {
                    dropAbsentTimes(v);
                }
            }
        } else if (node.isArray()) {
            node.forEach(JournalJson::dropAbsentTimes);
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
