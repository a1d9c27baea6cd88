package io.fluxfix.journal.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The string cache never returns a wrong string, and a replay's few names come back as the same instance. */
class Utf8CacheTest {

    @Test
    void everyLookupGivesTheBytesStringWhateverCollides() {
        Utf8Cache cache = new Utf8Cache();
        Random rnd = new Random(5);
        List<String> pool = new ArrayList<>();
        pool.add("");
        for (int i = 0; i < 200; i++) {
            // Short names over a small alphabet: many share length, first and last byte (the same slot).
            StringBuilder sb = new StringBuilder();
            for (int k = 0, n = 1 + rnd.nextInt(8); k < n; k++) {
                sb.append("AB/é".charAt(rnd.nextInt(4)));
            }
            pool.add(sb.toString());
        }
        byte[] buf = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            String s = pool.get(rnd.nextInt(pool.size()));
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int at = rnd.nextInt(8);
            System.arraycopy(b, 0, buf, at, b.length);
            buf[at + b.length] = (byte) rnd.nextInt();
            assertThat(cache.get(buf, at, b.length)).as("lookup %d", i).isEqualTo(s);
        }
    }

    @Test
    void aReplaysNamesAreDecodedOnce() {
        Utf8Cache cache = new Utf8Cache();
        byte[][] names = {bytes("spot-md"), bytes("md"), bytes("BTC/USD"), bytes("ETH/USD"), bytes("trade")};
        String[] first = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            first[i] = cache.get(names[i], 0, names[i].length);
        }
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < names.length; i++) {
                assertThat(cache.get(names[i], 0, names[i].length)).isSameAs(first[i]);
            }
        }
    }

    @Test
    void theLastHitAnswersOnlyItsOwnBytes() {
        Utf8Cache cache = new Utf8Cache();
        String a = cache.get(bytes("BTC/USD"), 0, 7);
        assertThat(cache.get(bytes("BTC/USD"), 0, 7)).isSameAs(a);
        // Same length, one byte different, then a prefix and a longer name: never the last hit's string.
        assertThat(cache.get(bytes("BTC/USE"), 0, 7)).isEqualTo("BTC/USE");
        assertThat(cache.get(bytes("BTC/USD"), 0, 6)).isEqualTo("BTC/US");
        assertThat(cache.get(bytes("BTC/USDT"), 0, 8)).isEqualTo("BTC/USDT");
        // Every slot taken by other names since, then the first again: decoded afresh, right.
        for (int i = 0; i < 10; i++) {
            cache.get(bytes("X" + i), 0, 2);
        }
        byte[] inside = bytes("..BTC/USD..");
        assertThat(cache.get(inside, 2, 7)).isEqualTo("BTC/USD");
        assertThat(cache.get(inside, 3, 7)).isEqualTo("TC/USD.");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
