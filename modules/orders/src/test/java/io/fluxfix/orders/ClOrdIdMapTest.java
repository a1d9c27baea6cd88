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
    void theMapDropsWhatARolloverForgetsAndKnowsItsHighestNumber() {
        ClOrdIdMap<String> m = new ClOrdIdMap<>();
        assertThat(m.highestNumeric()).isZero();
        for (int i = 1; i <= 5000; i++) {
            m.put(Integer.toString(i), i % 1000 == 0 ? "live" : "done");
        }
        m.put("0042", "done");
        m.put("009000", "live");
        m.put(COMB, "live");
        assertThat(m.highestNumeric()).isEqualTo(9000); // leading zeros or not
        m.removeValuesIf("done"::equals);
        assertThat(m).hasSize(7).containsOnlyKeys("1000", "2000", "3000", "4000", "5000", "009000", COMB);
        assertThat(m.get("1")).isNull();
        assertThat(m.get("0042")).isNull();
        assertThat(m.containsKey(ClOrdIdSet.key("3000"), "3000")).isTrue();
        assertThat(m.containsKey(ClOrdIdSet.key("3001"), "3001")).isFalse();
        m.remove("009000");
        assertThat(m.highestNumeric()).isEqualTo(5000);
        // the emptied table takes new ids and finds every survivor
        m.put("7", "new");
        assertThat(m.get("7")).isEqualTo("new");
        assertThat(m.get("5000")).isEqualTo("live");
        m.removeValuesIf(v -> false);
        assertThat(m).hasSize(7);
    }

    @Test
    void theSetTakesTheKeyItsCallerAlreadyRead() {
        ClOrdIdSet seen = new ClOrdIdSet();
        for (String id : List.of("5", "17", "0042", "900", COMB)) {
            assertThat(seen.add(ClOrdIdSet.key(id), id)).isTrue();
        }
        assertThat(seen.add("17")).isFalse();
        assertThat(seen.contains(null)).isFalse();
        assertThat(seen.contains(ClOrdIdSet.key("0042"), "0042")).isTrue();
        assertThat(seen.contains(ClOrdIdSet.key("42"), "42")).isFalse();
        assertThat(seen).containsExactlyInAnyOrder("5", "17", "0042", "900", COMB);
        seen.removeIf(id -> id.startsWith("00"));
        assertThat(seen).containsExactlyInAnyOrder("5", "17", "900", COMB);
        seen.clear();
        assertThat(seen).isEmpty();
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
