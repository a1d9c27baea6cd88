package io.fluxfix.runner.run;

import io.fluxfix.runner.hooks.Providers;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health} is not ready while the order sink reconciles a restart's open orders with the venue. */
class OrdersReconciledCheckTest {

    @Test
    void notReadyWhileTheSinkReconcilesReadyOnceItIsDone() {
        AtomicBoolean reconciling = new AtomicBoolean(true);
        Providers.ReadinessCheck check = Trading.ordersReconciled(reconciling::get);
        assertThat(check.name()).isEqualTo("orders reconciled");
        assertThat(check.notReady()).hasValueSatisfying(r -> assertThat(r).contains("reconciliation"));
        reconciling.set(false);
        assertThat(check.notReady()).isEmpty();
    }
}
