package io.fluxfix.orders;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink's id map and set behave as a HashMap and a HashSet of the ids' text would, numeric or not. */
class ClOrdIdMapTest {

    private static final String COMB = "01890a5d-ac96-774b-bcce-b302099a8057";

    @Test
    void idsThatReadAsTheSameNumberAreStillDifferentIds() {
        ClOrdIdMap<String> m = new ClOrdIdMap<>();
        m.put("7", "plain");
        m.put("007", "zeros");
        m.put(COMB, "comb");
        assertThat(m.get("7")).isEqualTo("plain");
        assertThat(m.get("007")).isEqualTo("zeros");
        assertThat(m.get("07")).isNull();
        assertThat(m.get(COMB)).isEqualTo("comb");
        assertThat(m.get(null)).isNull();
        assertThat(m.containsKey(null)).isFalse();
        assertThat(m.remove(null)).isNull();
        assertThat(m).hasSize(3).containsKeys("7", "007", COMB);
        assertThat(m.putIfAbsent("7", "again")).isEqualTo("plain");
        assertThat(m.putIfAbsent(COMB, "again")).isEqualTo("comb");
        assertThat(m.putIfAbsent("8", "new")).isNull();
        assertThat(m.remove("8")).isEqualTo("new");
        assertThat(m.remove("7")).isEqualTo("plain");
        assertThat(m.containsKey("7")).isFalse();
        assertThat(m).hasSize(2);
        // 19 digits do not fit Kraken's numeric form: kept as text, not folded into a long
        m.put("1234567890123456789", "long");
        assertThat(m.get("1234567890123456789")).isEqualTo("long");
        assertThat(m.get("123456789012345678")).isNull();
    }

    @Test
    void valuesCanBeRemovedWhileWalkedOnBothSides() {
        ClOrdIdMap<Integer> m = new ClOrdIdMap<>();
        for (int i = 1; i <= 1000; i++) {
            m.put(Integer.toString(i), i);
            m.put("0" + i, -i);
        }
        m.values().removeIf(v -> v % 2 == 0);
        assertThat(m).hasSize(1000);
        assertThat(m.get("2")).isNull();
        assertThat(m.get("02")).isNull();
        assertThat(m.get("999")).isEqualTo(999);
        assertThat(m.get("0999")).isEqualTo(-999);
        assertThat(m.entrySet()).hasSize(1000).contains(java.util.Map.entry("3", 3), java.util.Map.entry("03", -3));
    }

    @Test
    void theSetForgetsWhatTheMapNoLongerHasAndKnowsItsHighestNumber() {
        ClOrdIdSet seen = new ClOrdIdSet();
        ClOrdIdMap<String> live = new ClOrdIdMap<>();
        for (String id : List.of("5", "17", "0042", "900", COMB)) {
            assertThat(seen.add(id)).isTrue();
        }
        assertThat(seen.add("17")).isFalse();
        assertThat(seen.contains(null)).isFalse();
        assertThat(seen.highestNumeric()).isEqualTo(900);
        live.put("17", "a");
        live.put("0042", "b");
        live.put(COMB, "c");
        seen.retainKeysOf(live);
        assertThat(seen).containsExactlyInAnyOrder("17", "0042", COMB);
        assertThat(seen.highestNumeric()).isEqualTo(42);
        seen.removeIf(id -> id.startsWith("00"));
        assertThat(seen).containsExactlyInAnyOrder("17", COMB);
        seen.clear();
        assertThat(seen.highestNumeric()).isZero();
        // an id below the highest ever added is still found after the highest went (ids need not come in order)
        seen.add("40");
        seen.add("30");
        seen.remove("40");
        assertThat(seen.contains("30")).isTrue();
        assertThat(seen.contains("40")).isFalse();
        seen.add("40");
        assertThat(seen.contains("40")).isTrue();
    }
}
