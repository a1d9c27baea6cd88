package io.fluxfix.venue.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The path and message helpers on their own; the routes are tested over HTTP in {@link AdminServerTest}. */
class AdminRoutesTest {

    @Test
    void segmentsAreDecodedOneByOne() {
        assertThat(AdminRoutes.pathSegments("/instruments/BTC%2FUSD/status"))
                .containsExactly("instruments", "BTC/USD", "status");
        assertThat(AdminRoutes.pathSegments("/instruments/A+B%20C/status?x=1#f"))
                .containsExactly("instruments", "A+B C", "status");
        assertThat(AdminRoutes.pathSegments("/")).containsExactly("");
        assertThat(AdminRoutes.pathSegments("/state/")).containsExactly("state", "");
        assertThat(AdminRoutes.pathSegments("http://127.0.0.1:8080/health?x")).containsExactly("health");
        assertThat(AdminRoutes.pathSegments("*")).isEmpty();
    }

    @Test
    void aMalformedEscapeIsABadRequest() {
        assertThatThrownBy(() -> AdminRoutes.pathSegments("/instruments/BTC%2/status"))
                .isInstanceOfSatisfying(AdminRequestException.class,
                        e -> assertThat(e.status().code()).isEqualTo(400))
                .hasMessage("malformed percent-encoding in path segment 'BTC%2'");
    }

    @Test
    void messagesAreCutToTheirFirstLine() {
        assertThat(AdminRoutes.oneLine("unknown symbol 'X'\n\tat a.b.C")).isEqualTo("unknown symbol 'X'");
        assertThat(AdminRoutes.oneLine("  padded\r\nmore")).isEqualTo("padded");
        assertThat(AdminRoutes.oneLine(null)).isEqualTo("no details");
        assertThat(AdminRoutes.oneLine(" ")).isEqualTo("no details");
        assertThat(AdminRoutes.oneLine("x".repeat(1_000))).hasSize(AdminRoutes.MAX_MESSAGE_CHARS).endsWith("...");
    }
}
