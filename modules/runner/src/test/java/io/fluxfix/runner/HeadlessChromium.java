package io.fluxfix.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol: a page target's WebSocket, spoken with
 * reactor-netty's WebSocket client on event loops of its own and Jackson. Enough for the status page test:
 * navigate, evaluate JavaScript, capture a screenshot, and collect what the page logged as an error (console
 * errors, uncaught exceptions, failed loads).
 *
 * <p>Chromium runs with the flags this machine needs (no sandbox as root, no background networking: the network
 * is closed) and a fresh profile directory; {@link #close()} ends it and every thread this class started.
 */
final class HeadlessChromium implements AutoCloseable {

    /** The Debian package's binary; {@code -Dfluxfix.chromium=PATH} overrides. */
    static final Path BINARY = Path.of(System.getProperty("fluxfix.chromium", "/usr/bin/chromium"));
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration INSTALL = Duration.ofMinutes(15);
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final ObjectMapper mapper = new ObjectMapper();
    private final Process process;
    private final LoopResources loops = LoopResources.create("cdp-client", 1, true);
    private final ConnectionProvider connections = ConnectionProvider.newConnection();
    private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final reactor.core.Disposable socket;
    private final CountDownLatch socketClosed = new CountDownLatch(1);

    HeadlessChromium(Path profileDir) throws IOException, InterruptedException {
        ensureInstalled();
        process = new ProcessBuilder(BINARY.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--window-size=1280,1400",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profileDir, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserWs = devToolsUrl();
        String port = browserWs.replaceFirst("ws://[^:]+:(\\d+)/.*", "$1");
        String pageWs = pageTarget(Integer.parseInt(port));
        socket = HttpClient.create(connections).runOn(loops)
                .websocket(reactor.netty.http.client.WebsocketClientSpec.builder().maxFramePayloadLength(64 << 20)
                        .build())
                .uri(pageWs)
                .handle((in, out) -> {
                    Mono<Void> reads = in.receive().asString(StandardCharsets.UTF_8).doOnNext(this::received).then();
                    Mono<Void> writes = out.sendString(outbound.asFlux()).then();
                    return Mono.when(reads, writes);
                })
                .doFinally(s -> socketClosed.countDown())
                .subscribe(v -> { }, e -> failAll(e));
        call("Runtime.enable", null);
        call("Log.enable", null);
        call("Page.enable", null);
    }

    /**
     * Installs Debian's chromium package when it is missing ({@code src/test/sh/ensure-chromium.sh}: apt-get as
     * root or with password-less sudo), so {@code ./mvnw verify} runs this test on CI and on a fresh machine: it
     * never skips. Fails with the script's output when the install does.
     */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Path script = FluxfixProcess.ROOT.resolve("modules/runner/src/test/sh/ensure-chromium.sh");
        ProcessBuilder installer = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        installer.environment().put("FLUXFIX_CHROMIUM", BINARY.toString());
        Process install = installer
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        install.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!install.waitFor(INSTALL.toMinutes(), TimeUnit.MINUTES)) {
            install.destroyForcibly();
            throw new AssertionError("installing chromium took longer than " + INSTALL);
        }
        String said = output.join();
        if (install.exitValue() != 0 || !Files.isExecutable(BINARY)) {
            throw new AssertionError("cannot install chromium (" + script + " exit " + install.exitValue() + "):\n"
                    + said);
        }
    }

    /** Chromium prints its browser endpoint on stderr once it listens. */
    private String devToolsUrl() throws InterruptedException {
        AtomicReference<String> url = new AtomicReference<>();
        CountDownLatch found = new CountDownLatch(1);
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find() && url.get() == null) {
                        url.set(m.group(1));
                        found.countDown();
                    } else if (url.get() == null) {
                        synchronized (seen) {
                            seen.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            found.countDown();
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!found.await(START.toMillis(), TimeUnit.MILLISECONDS) || url.get() == null) {
            process.destroyForcibly();
            synchronized (seen) {
                throw new AssertionError("Chromium did not open its DevTools port within " + START + "; it said:\n"
                        + seen);
            }
        }
        return url.get();
    }

    /** The WebSocket of the page Chromium opened (about:blank). */
    private String pageTarget(int port) {
        String json = HttpClient.create(connections).runOn(loops).get().uri("http://127.0.0.1:" + port + "/json/list")
                .responseContent().aggregate().asString().block(CALL);
        try {
            for (JsonNode t : mapper.readTree(json)) {
                if ("page".equals(t.path("type").asText())) {
                    return t.path("webSocketDebuggerUrl").asText();
                }
            }
        } catch (IOException e) {
            throw new AssertionError("bad /json/list answer: " + json, e);
        }
        throw new AssertionError("Chromium has no page target: " + json);
    }

    private void received(String text) {
        JsonNode msg;
        try {
            msg = mapper.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
                if (msg.has("error")) {
                    f.completeExceptionally(new AssertionError("CDP error: " + msg.get("error")));
                } else {
                    f.complete(msg.path("result"));
                }
            }
            return;
        }
        String method = msg.path("method").asText();
        JsonNode p = msg.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    error("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> error("uncaught: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    error("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                }
            }
            default -> { }
        }
    }

    private synchronized void error(String s) {
        errors.add(s);
    }

    /** What the page logged as an error so far. */
    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    private void failAll(Throwable e) {
        pending.values().forEach(f -> f.completeExceptionally(e));
    }

    JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = mapper.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", mapper.valueToTree(params));
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        Sinks.EmitResult r = outbound.tryEmitNext(msg.toString());
        if (r.isFailure()) {
            throw new AssertionError("cannot send " + method + ": " + r);
        }
        try {
            return f.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " failed: " + e, e);
        }
    }

    void navigate(String url) {
        JsonNode r = call("Page.navigate", Map.of("url", url));
        if (r.has("errorText")) {
            throw new AssertionError("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
    }

    /** The value of a JavaScript expression (strings, numbers, booleans; null for undefined). */
    JsonNode eval(String expression) {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new AssertionError("evaluating " + expression + " threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    String text(String expression) {
        return eval(expression).asText();
    }

    /** A PNG of the page as shown. */
    byte[] screenshot() {
        return java.util.Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png"))
                .path("data").asText());
    }

    @Override
    public void close() throws InterruptedException {
        outbound.tryEmitComplete();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (socket != null) {
            socket.dispose();
        }
        socketClosed.await(10, TimeUnit.SECONDS);
        connections.disposeLater().block(Duration.ofSeconds(10));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block(Duration.ofSeconds(11));
    }
}
