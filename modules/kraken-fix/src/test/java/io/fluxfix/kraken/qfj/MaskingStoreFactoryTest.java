package io.fluxfix.kraken.qfj;

import org.junit.jupiter.api.Test;
import quickfix.MemoryStoreFactory;
import quickfix.MessageStore;
import quickfix.SessionID;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingStoreFactoryTest {

    @Test
    void aStoredLogonKeepsNoCredential() throws Exception {
        MessageStore store = new MaskingStoreFactory(new MemoryStoreFactory())
                .create(new SessionID("FIX.4.4", "A", "B"));
        store.set(1, "8=FIX.4.4\u00019=99\u000135=A\u0001553=the-key\u0001554=c2lnbmF0dXJl\u00015025=1724512345678\u000110=000\u0001");
        store.set(2, "8=FIX.4.4\u00019=10\u000135=0\u000110=000\u0001");
        List<String> back = new ArrayList<>();
        store.get(1, 2, back);
        assertThat(back.get(0)).doesNotContain("the-key", "c2lnbmF0dXJl", "1724512345678").contains("553=********");
        assertThat(back.get(1)).isEqualTo("8=FIX.4.4\u00019=10\u000135=0\u000110=000\u0001");
    }
}
