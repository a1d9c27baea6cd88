package io.fluxfix.bench;

import io.fluxfix.model.ExecType;
import io.fluxfix.model.event.ExecutionReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark measures what it claims: each method does the real work and both sides produce the same bytes. */
class CodecBenchmarkTest {

    private final CodecBenchmark bench = new CodecBenchmark();

    @Test
    void decodeProducesTheFill() throws Exception {
        bench.parseOnce();
        assertThat(bench.erDecodeOnly()).isEqualTo(bench.erParseAndDecode());
        ExecutionReport er = (ExecutionReport) bench.erParseAndDecode();
        assertThat(er.execType()).isEqualTo(ExecType.TRADE);
        assertThat(er.fees()).hasSize(1);
        assertThat(bench.erParseQfj().getString(17)).isEqualTo("EXEC003:TRD001");
    }

    @Test
    void theCodecAndHandBuiltQuickFixJWriteTheSameOrder() throws Exception {
        assertThat(bench.nosEncode()).isEqualTo(bench.nosBuildQfjStrings()).isEqualTo(bench.nosBuildQfjTyped())
                .isEqualTo(bench.nosEncodeOnly().toString());
        assertThat(bench.erParseValidateQfj().getString(150)).isEqualTo("F");
        assertThat(bench.nosParseQfj().getString(44)).isEqualTo("84000");
    }
}
