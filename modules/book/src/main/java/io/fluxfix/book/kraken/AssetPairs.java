package io.fluxfix.book.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Price and quantity precisions from a Kraken REST {@code AssetPairs} answer: {@code pair_decimals} and
 * {@code lot_decimals}, the precisions Kraken's book checksums use. Looked up by WebSocket name
 * ({@code XBT/USD}); the v2 names for the same pairs ({@code BTC/USD}, {@code DOGE/USD}) are accepted too.
 */
public final class AssetPairs {

    private final Map<String, int[]> byWsName;

    private AssetPairs(Map<String, int[]> byWsName) {
        this.byWsName = byWsName;
    }

    /** Reads an AssetPairs file ({@code {"error":[],"result":{...}}} or just the result object). */
    public static AssetPairs read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ImportException("asset pairs file " + file + " does not exist");
        } catch (IOException e) {
            throw new ImportException("asset pairs file " + file + " is not readable JSON: "
                    + firstLine(e.getMessage()));
        }
        return parse(root, file.toString());
    }

    static AssetPairs parse(JsonNode root, String source) {
        JsonNode result = root != null && root.has("result") ? root.get("result") : root;
        if (result == null || !result.isObject()) {
            throw new ImportException(source + " is not a Kraken AssetPairs answer (no result object)");
        }
        Map<String, int[]> map = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            JsonNode pair = e.getValue();
            JsonNode ws = pair.get("wsname");
            JsonNode px = pair.get("pair_decimals");
            JsonNode lot = pair.get("lot_decimals");
            if (ws == null || px == null || lot == null || !px.canConvertToInt() || !lot.canConvertToInt()) {
                continue;
            }
            map.put(normalise(ws.asText()), new int[] {px.asInt(), lot.asInt()});
        }
        if (map.isEmpty()) {
            throw new ImportException(source + " lists no pair with wsname, pair_decimals and lot_decimals");
        }
        return new AssetPairs(map);
    }

    /** {@code {priceDecimals, qtyDecimals}} for a WebSocket pair name, or null when the file has no such pair. */
    public int[] precision(String wsName) {
        int[] p = byWsName.get(normalise(wsName));
        return p == null ? null : p.clone();
    }

    public int size() {
        return byWsName.size();
    }

    /** v1 and REST spell Bitcoin XBT and Dogecoin XDG; v2 spells them BTC and DOGE. */
    static String normalise(String pair) {
        String[] parts = pair.toUpperCase(Locale.ROOT).split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(switch (parts[i]) {
                case "BTC" -> "XBT";
                case "DOGE" -> "XDG";
                default -> parts[i];
            });
        }
        return sb.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
