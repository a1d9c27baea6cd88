package io.fluxfix.testkit.fix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The other end of a {@link FixConnection} in its tests: a loopback server that accepts connections on a thread of
 * its own (a TLS handshake needs both ends at once) and hands each accepted socket, or the reason it failed, to
 * the test, which then reads and writes bytes itself. No FIX logic at all.
 */
final class FakeFixServer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Object> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FakeFixServer(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "fake-fix-server-" + server.getLocalPort());
        acceptor.start();
    }

    static FakeFixServer plain() throws IOException {
        return new FakeFixServer(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
    }

    /** TLS with the given protocols, serving the key in {@code keyStore}. */
    static FakeFixServer tls(Path keyStore, char[] password, String... protocols) throws Exception {
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), password);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(protocols);
        return new FakeFixServer(server);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    accepted.add(e);
                }
                return;
            }
            sockets.add(socket);
            try {
                socket.setTcpNoDelay(true);
                if (socket instanceof SSLSocket ssl) {
                    ssl.setSoTimeout((int) TIMEOUT.toMillis());
                    ssl.startHandshake();
                    ssl.setSoTimeout(0);
                }
                accepted.add(socket);
            } catch (IOException e) {
                close(socket);
                accepted.add(e);
            }
        }
    }

    /** The next accepted (and, for TLS, handshaken) connection. */
    Socket awaitClient() throws Exception {
        Object next = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (next instanceof Socket socket) {
            return socket;
        }
        throw new AssertionError(next == null ? "no client within " + TIMEOUT : "accepting failed", (Throwable) next);
    }

    /** Why the next connection failed (its handshake, for TLS). */
    IOException awaitFailure() throws Exception {
        Object next = accepted.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (next instanceof IOException e) {
            return e;
        }
        throw new AssertionError("expected a failed connection, got " + next);
    }

    static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Exactly {@code count} bytes, or an AssertionError if they do not come within {@link #TIMEOUT}. */
    static byte[] read(Socket socket, int count) throws IOException {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] bytes;
        try {
            bytes = in.readNBytes(count);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("fewer than " + count + " bytes within " + TIMEOUT, e);
        }
        if (bytes.length < count) {
            throw new AssertionError("the stream ended after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }

    /** True once the client has closed its end: reading hits the end of the stream (or a reset). */
    static boolean clientClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        server.close();
        sockets.forEach(FakeFixServer::close);
        acceptor.join(TIMEOUT.toMillis());
        if (acceptor.isAlive()) {
            throw new IllegalStateException(acceptor.getName() + " did not stop");
        }
    }
}
