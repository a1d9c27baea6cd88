package io.fluxfix.kraken;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the example corpora under {@code src/test/resources/examples/} (format in their README). */
final class ExampleCorpus {

    /** One example: its {@code # key: value} headers and the message with {@code |} for SOH. */
    record Example(Map<String, String> headers, String piped) {
        String id() {
            return headers.get("id");
        }

        String raw() {
            return piped.replace('|', '\u0001');
        }

        @Override
        public String toString() {
            return id();
        }
    }

    private ExampleCorpus() {
    }

    static List<Example> load(String name) {
        InputStream in = ExampleCorpus.class.getResourceAsStream("/examples/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no corpus " + name);
        }
        List<Example> examples = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, String> headers = new LinkedHashMap<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("# ")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.put(line.substring(2, colon).trim(), line.substring(colon + 1).trim());
                    }
                } else if (line.startsWith("8=")) {
                    examples.add(new Example(Map.copyOf(headers), line));
                    headers = new LinkedHashMap<>();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }
}
