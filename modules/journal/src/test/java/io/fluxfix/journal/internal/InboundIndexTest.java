package io.fluxfix.journal.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Adds through a thread's hint hold the same keys as plain adds, across sessions, days and gaps. */
class InboundIndexTest {

    @Test
    void hintedAddsMatchPlainAdds() {
        InboundIndex plain = new InboundIndex();
        InboundIndex hinted = new InboundIndex();
        InboundIndex.Hint hint = new InboundIndex.Hint();
        Random rnd = new Random(7);
        String[] sessions = {"spot-md", "spot-trading", new String("spot-md")}; // an equal, not identical, name
        for (int i = 0; i < 20_000; i++) {
            String session = sessions[rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 0];
            int day = 20_550 + (rnd.nextInt(50) == 0 ? 1 : 0);
            long seq = rnd.nextInt(5) == 0 ? rnd.nextInt(3_000) : i / 4 + 1;
            plain.add(session, day, seq);
            hinted.add(hint, session, day, seq);
        }
        for (String session : new String[] {"spot-md", "spot-trading", "other"}) {
            for (int day = 20_549; day <= 20_552; day++) {
                for (long seq = 0; seq <= 6_000; seq++) {
                    assertThat(hinted.contains(session, day, seq)).as("%s %d %d", session, day, seq)
                            .isEqualTo(plain.contains(session, day, seq));
                }
            }
        }
        assertThat(hinted.contains("spot-md", 20_550, 1)).isTrue();
    }
}
