package io.fluxfix.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 on a raw socket to 127.0.0.1, one request per connection ({@code Connection: close}), so that no
 * client thread outlives a test (the JDK's HttpClient keeps a selector thread until it is collected).
 */
public final class RawHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private RawHttp() {
    }

    /** An answer: status code, header lines, body text. */
    public record Response(int status, List<String> headers, String body) {
        /** The value of the first header called {@code name} (any case), or "". */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse("");
        }
    }

    public static Response get(int port, String path) throws IOException {
        return request(port, "GET " + path, "");
    }

    /** A POST without a body, with {@code Authorization: Bearer token} unless {@code token} is null. */
    public static Response post(int port, String path, String token) throws IOException {
        return request(port, "POST " + path, (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Length: 0\r\n");
    }

    /** {@code line} is the request line without the version ({@code GET /x}); {@code headers} end in CRLF each. */
    public static Response request(int port, String line, String headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            s.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = s.getOutputStream();
            out.write((line + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("an HTTP answer to %s: %s", line, text).isPositive();
            List<String> head = List.of(text.substring(0, end).split("\r\n"));
            return new Response(Integer.parseInt(head.get(0).split(" ", 3)[1]), head.subList(1, head.size()),
                    text.substring(end + 4));
        }
    }
}
