package io.fluxfix.kraken;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExecIdsTest {

    private static final String UUID = "a17d4971-f00d-4f67-94d1-e7d604104ed2";

    @Test
    void hasKrakensShapeAndCountsInTheLastDigit() {
        String first = ExecIds.derive(UUID, 0, ExecIds.DEFAULT_SUFFIX);
        String second = ExecIds.derive(UUID, 1, ExecIds.DEFAULT_SUFFIX);
        assertThat(first).matches("[A-Z2-7]{13}:TRD001");
        assertThat(first.substring(0, 12)).isEqualTo(second.substring(0, 12));
        assertThat(first.charAt(12)).isEqualTo('A');
        assertThat(second.charAt(12)).isEqualTo('B');
    }

    @Test
    void theLast12HexDigitsOfAUuidClOrdIdAreRecoverable() {
        assertThat(ExecIds.recoverLow48(ExecIds.derive(UUID, 77, "TRD001"))).isEqualTo(0xe7d604104ed2L);
        assertThat(ExecIds.recoverLow48(ExecIds.derive("1744036325000000", 3, "TRD001")))
                .isEqualTo(1744036325000000L & 0xFFFF_FFFF_FFFFL);
    }

    @Test
    void uniquePerReportOfAnOrder() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 65_536; i++) {
            ids.add(ExecIds.derive(UUID, i, "TRD001"));
        }
        assertThat(ids).hasSize(65_536);
    }
}
