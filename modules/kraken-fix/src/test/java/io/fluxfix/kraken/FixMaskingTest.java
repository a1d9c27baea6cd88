package io.fluxfix.kraken;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixMaskingTest {

    @Test
    void masksKeyPasswordAndNonceOnTheWireAndInPipedText() {
        String logon = "8=FIX.4.4|9=202|35=A|49=MYCOMPID|56=KRAKEN-TRD|34=1|98=0|108=60|141=N|553=APIKEY|"
                + "554=+S71mJSTEzq467MPSIi29YF6DmkIgn3e0M2v0ge7OnOHUbRZVYW/kJzPXxK5cUIVYOKieQIhT9zoiyHVktwEAQ==|"
                + "5025=1688736075072|10=057|";
        String masked = FixMasking.mask(logon);
        assertThat(masked).isEqualTo("8=FIX.4.4|9=202|35=A|49=MYCOMPID|56=KRAKEN-TRD|34=1|98=0|108=60|141=N|"
                + "553=********|554=********|5025=********|10=057|");
        assertThat(FixMasking.mask(logon.replace('|', '\u0001'))).isEqualTo(masked.replace('|', '\u0001'));
    }

    @Test
    void leavesOtherTagsAndTextAlone() {
        String s = "35=D|1553=x|55025=y|58=553=inside text|11=5025";
        assertThat(FixMasking.mask(s)).isEqualTo(s);
        assertThat(FixMasking.mask("no fix here")).isEqualTo("no fix here");
        assertThat(FixMasking.mask("554=pw")).isEqualTo("554=********");
        assertThat(FixMasking.mask(null)).isNull();
    }
}
