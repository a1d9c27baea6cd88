package io.fluxfix.testkit.fix;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A raw FIX 4.4 client for wire-level tests, in the spirit of Artio's {@code FixConnection}: it writes bytes on a
 * socket and frames what comes back, with no FIX engine in between. It never answers anything on its own (no
 * heartbeats, no resend requests, no sequence checks): the test says every byte.
 *
 * <pre>{@code
 * try (FixConnection fix = FixConnection.plain("localhost", port).senderCompId("CLIENT").targetCompId("KRAKEN-TRD")) {
 *     fix.logon("553=...", "554=...", "5025=...");
 *     FixMessage logon = fix.awaitMessage("A", Duration.ofSeconds(5));
 *     fix.msgSeqNum(1).send("0");                       // a sequence number that is too low
 *     assertThat(fix.awaitDisconnect(Duration.ofSeconds(5))).isTrue();
 * }
 * }</pre>
 *
 * <p>Header: {@code 8 9 35 34 49 56 52} in that order (the order of Kraken's documented messages), then any extra
 * header fields, then the body. 34 comes from {@link #msgSeqNum(int)} and goes up by one per {@code send}, 52 is
 * the {@link #clock(Clock)}'s time with milliseconds. Fields are passed as {@code "tag=value"} strings; one string
 * may hold several joined by {@code |}. Text maps to bytes through ISO-8859-1.
 *
 * <p>Reading: a daemon thread named {@code fix-connection-reader-<port>} frames incoming messages (see
 * {@link FixFramer}) and stops at end of stream, on garbled input, and on {@link #close()}. A test waits with
 * {@link #awaitMessage} and {@link #awaitDisconnect}, always bounded, never by sleeping.
 *
 * <p>One test thread drives a connection; sending and setting the header are also safe from several threads.
 */
public final class FixConnection implements AutoCloseable {

    public static final String FIX44 = "FIX.4.4";
    /** For the TCP connect and for the TLS handshake each. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #close()} gives the reader thread to stop; closing the socket stops it at once. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final DateTimeFormatter UTC_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Queued when the reader stops, so that a waiting test wakes at once instead of at its timeout. */
    private static final FixMessage READER_STOPPED = FixMessage.parse("0=reader-stopped|");

    private enum StopKind { PEER_CLOSED, CLOSED_HERE, GARBLED }

    private record Stop(StopKind kind, String detail) {
    }

    private final Socket socket;
    private final Socket transport;
    private final String peer;
    private final OutputStream out;
    private final Thread reader;
    private final BlockingQueue<FixMessage> inbox = new LinkedBlockingQueue<>();
    private final List<FixMessage> received = new CopyOnWriteArrayList<>();
    /** Received, not yet returned by an await, skipped by an earlier await because it did not match. */
    private final List<FixMessage> unclaimed = new ArrayList<>();
    private final Object awaitLock = new Object();
    private final CountDownLatch readerStopped = new CountDownLatch(1);
    private volatile Stop stop;
    private volatile boolean closing;

    private String beginString = FIX44;
    private String senderCompId = "CLIENT";
    private String targetCompId = "KRAKEN-TRD";
    private int msgSeqNum = 1;
    private Clock clock = Clock.systemUTC();
    private int heartBtInt = 30;

    private FixConnection(Socket socket, Socket transport, String host, int port) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.peer = host + ":" + port;
        this.out = new BufferedOutputStream(socket.getOutputStream());
        InputStream in = new BufferedInputStream(socket.getInputStream());
        this.reader = new Thread(() -> readLoop(in), "fix-connection-reader-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects over plain TCP. */
    public static FixConnection plain(String host, int port) {
        Socket tcp = connect(host, port);
        try {
            return new FixConnection(tcp, tcp, host, port);
        } catch (IOException e) {
            closeQuietly(tcp);
            throw new UncheckedIOException("cannot use the connection to " + host + ":" + port + ": " + e, e);
        }
    }

    /**
     * Connects over TLS 1.3 or 1.2, trusting only the certificates in {@code trustStore} (PKCS12 or JKS) and
     * checking that the server's certificate names {@code host} (HTTPS endpoint identification). The handshake
     * completes before this returns; a failed one is an {@link UncheckedIOException} whose cause is the
     * {@link javax.net.ssl.SSLException}.
     */
    public static FixConnection tls(String host, int port, Path trustStore, String trustStorePassword) {
        SSLContext context = trustingOnly(trustStore, trustStorePassword);
        Socket tcp = connect(host, port);
        try {
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(TLS_PROTOCOLS);
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return new FixConnection(ssl, tcp, host, port);
        } catch (IOException e) {
            closeQuietly(tcp);
            throw new UncheckedIOException("TLS handshake with " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // The header

    public synchronized FixConnection beginString(String beginString) {
        this.beginString = Objects.requireNonNull(beginString, "beginString");
        return this;
    }

    public synchronized FixConnection senderCompId(String senderCompId) {
        this.senderCompId = Objects.requireNonNull(senderCompId, "senderCompId");
        return this;
    }

    public synchronized FixConnection targetCompId(String targetCompId) {
        this.targetCompId = Objects.requireNonNull(targetCompId, "targetCompId");
        return this;
    }

    /** Sets the 34 MsgSeqNum of the next {@code send}: any int, to test gaps and numbers that are too low. */
    public synchronized FixConnection msgSeqNum(int next) {
        this.msgSeqNum = next;
        return this;
    }

    /** The 34 MsgSeqNum the next {@code send} will use. */
    public synchronized String senderCompId() {
        return senderCompId;
    }

    public synchronized String targetCompId() {
        return targetCompId;
    }

    public synchronized int msgSeqNum() {
        return msgSeqNum;
    }

    /** The clock for 52 SendingTime. */
    public synchronized FixConnection clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The 108 HeartBtInt {@link #logon} sends; 30 unless set. */
    public synchronized FixConnection heartBtInt(int seconds) {
        this.heartBtInt = seconds;
        return this;
    }

    /** {@code YYYYMMDD-HH:MM:SS.sss} in UTC, as this connection writes 52 SendingTime (for 122 OrigSendingTime). */
    public static String utcTimestamp(Instant instant) {
        return UTC_TIMESTAMP.format(instant);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending

    /**
     * Sends a message of type {@code msgType} with the session header and the given body fields, computing 9
     * BodyLength and 10 CheckSum; then advances {@link #msgSeqNum()}.
     *
     * @return the message as written
     */
    public FixMessage send(String msgType, String... fields) {
        return sendWithHeader("", msgType, fields);
    }

    /**
     * Like {@link #send}, with {@code extraHeader} fields (for example {@code "43=Y|122=20260407-14:32:01.000"})
     * right after 52 SendingTime.
     */
    public synchronized FixMessage sendWithHeader(String extraHeader, String msgType, String... fields) {
        Objects.requireNonNull(extraHeader, "extraHeader");
        if (msgType == null || msgType.isEmpty() || msgType.matches(".*[=|\u0001].*")) {
            throw new IllegalArgumentException("not a MsgType: '" + msgType + "'");
        }
        StringBuilder body = new StringBuilder(128);
        field(body, 35, msgType);
        field(body, 34, Integer.toString(msgSeqNum));
        field(body, 49, senderCompId);
        field(body, 56, targetCompId);
        field(body, 52, utcTimestamp(clock.instant()));
        FixMessage.appendFields(body, extraHeader);
        for (String f : fields) {
            FixMessage.appendFields(body, Objects.requireNonNull(f, "field"));
        }
        FixMessage message = FixMessage.frame(beginString, body.toString());
        write(message.bytes());
        msgSeqNum++;
        return message;
    }

    /** 35=A with 98=0 (no encryption), 108 {@link #heartBtInt(int)}, then {@code extraFields}. */
    public FixMessage logon(String... extraFields) {
        List<String> fields = new ArrayList<>();
        fields.add("98=0");
        synchronized (this) {
            fields.add("108=" + heartBtInt);
        }
        fields.addAll(List.of(extraFields));
        return send("A", fields.toArray(String[]::new));
    }

    /** 35=5 with 58 Text, or without it when {@code text} is null. The text must not hold {@code |}. */
    public FixMessage logout(String text) {
        return text == null ? send("5") : send("5", "58=" + text);
    }

    /** Writes exactly {@code bytes}: no header, no BodyLength or CheckSum, no sequence number used. */
    public void sendRaw(byte[] bytes) {
        write(bytes.clone());
    }

    /** Writes {@code text} with every {@code |} replaced by SOH, as ISO-8859-1, and nothing else. */
    public void sendRaw(String text) {
        write(FixMessage.latin1(text.replace('|', FixMessage.SOH)));
    }

    private synchronized void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + peer + ": " + e.getMessage(), e);
        }
    }

    private static void field(StringBuilder body, int tag, String value) {
        body.append(tag).append('=').append(value).append(FixMessage.SOH);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Receiving

    /** Every message received so far, in order, whether or not an await returned it. */
    public List<FixMessage> received() {
        return List.copyOf(received);
    }

    /** {@link #awaitMessage(Predicate, Duration)} for the next message with 35={@code msgType}. */
    public FixMessage awaitMessage(String msgType, Duration timeout) {
        Objects.requireNonNull(msgType, "msgType");
        return await(m -> msgType.equals(m.msgType()), "35=" + msgType, timeout);
    }

    /**
     * Returns the earliest received message that matches and that no await has returned yet, waiting up to
     * {@code timeout} for it. Messages that do not match stay available to later awaits. Fails with an
     * {@link AssertionError} listing every message received so far (secrets masked) on timeout, or at once when
     * the reader has stopped and no match can come.
     */
    public FixMessage awaitMessage(Predicate<FixMessage> matches, Duration timeout) {
        return await(Objects.requireNonNull(matches, "matches"), "matching message", timeout);
    }

    private FixMessage await(Predicate<FixMessage> matches, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (awaitLock) {
            for (Iterator<FixMessage> it = unclaimed.iterator(); it.hasNext(); ) {
                FixMessage message = it.next();
                if (matches.test(message)) {
                    it.remove();
                    return message;
                }
            }
            while (true) {
                // Read stop before polling: the reader queues every message before it sets stop.
                Stop stopped = stop;
                FixMessage next = inbox.poll();
                if (next == null) {
                    if (stopped != null) {
                        throw failure("No " + what + " from " + peer + ": " + stopped.detail());
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw failure("No " + what + " from " + peer + " within " + timeout.toMillis() + " ms");
                    }
                    try {
                        next = inbox.poll(left, TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw failure("Interrupted while waiting for " + what + " from " + peer);
                    }
                    if (next == null) {
                        continue;
                    }
                }
                if (next == READER_STOPPED) {
                    continue;
                }
                if (matches.test(next)) {
                    return next;
                }
                unclaimed.add(next);
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the connection to end. True when the peer closed it (or it broke); false
     * when it is still open at the timeout, or when this side closed it. An {@link AssertionError} when the
     * reader stopped on garbled input instead, since then nobody knows whether the peer disconnected.
     */
    public boolean awaitDisconnect(Duration timeout) {
        try {
            if (!readerStopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("Interrupted while waiting for " + peer + " to disconnect");
        }
        Stop stopped = stop;
        if (stopped.kind() == StopKind.GARBLED) {
            throw failure("Reading from " + peer + " stopped before any disconnect: " + stopped.detail());
        }
        return stopped.kind() == StopKind.PEER_CLOSED;
    }

    private AssertionError failure(String headline) {
        List<FixMessage> all = received();
        StringBuilder text = new StringBuilder(headline).append(". Received ").append(all.size())
                .append(all.size() == 1 ? " message" : " messages").append(all.isEmpty() ? "." : ":");
        for (int i = 0; i < all.size(); i++) {
            text.append(System.lineSeparator()).append("  ").append(i + 1).append(": ").append(all.get(i));
        }
        return new AssertionError(text.toString());
    }

    private void readLoop(InputStream in) {
        FixFramer framer = new FixFramer(in);
        Stop end = new Stop(StopKind.PEER_CLOSED, "the reader failed");
        try {
            while (true) {
                FixMessage message = framer.next();
                if (message == null) {
                    // A TLS socket closed by close() reads as a clean end of stream, not as an exception.
                    end = closing ? new Stop(StopKind.CLOSED_HERE, "the test closed the connection")
                            : new Stop(StopKind.PEER_CLOSED, "the peer closed the connection");
                    return;
                }
                received.add(message);
                inbox.add(message);
            }
        } catch (FixFramer.Garbled e) {
            end = new Stop(StopKind.GARBLED, "garbled input: " + e.getMessage());
        } catch (IOException e) {
            if (closing) {
                end = new Stop(StopKind.CLOSED_HERE, "the test closed the connection");
            } else if (e instanceof FixFramer.Truncated) {
                end = new Stop(StopKind.PEER_CLOSED, "the peer closed the connection; " + e.getMessage());
            } else {
                end = new Stop(StopKind.PEER_CLOSED, "the connection broke: " + e);
            }
        } finally {
            stop = end;
            inbox.add(READER_STOPPED);
            readerStopped.countDown();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Closing

    /** Closes the socket and waits for the reader thread to end. Safe to call more than once. */
    @Override
    public void close() {
        closing = true;
        closeQuietly(socket);
        closeQuietly(transport);
        try {
            reader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            throw new IllegalStateException(reader.getName() + " did not stop within " + STOP_TIMEOUT.toMillis()
                    + " ms of closing the socket");
        }
    }

    @Override
    public synchronized String toString() {
        return "FixConnection[" + peer + ", " + senderCompId + "->" + targetCompId + ", next 34=" + msgSeqNum
                + ", received " + received.size() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connecting

    /** Tries each address of {@code host} in turn, as a client should: "localhost" may be ::1 or 127.0.0.1. */
    private static Socket connect(String host, int port) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": unknown host", e);
        }
        IOException failure = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, port), (int) CONNECT_TIMEOUT.toMillis());
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw new UncheckedIOException("cannot connect to " + host + ":" + port + ": " + failure.getMessage(), failure);
    }

    private static SSLContext trustingOnly(Path trustStore, String password) {
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(password, "trustStorePassword");
        if (!Files.isRegularFile(trustStore)) {
            throw new UncheckedIOException("trust store " + trustStore + " does not exist",
                    new NoSuchFileException(trustStore.toString()));
        }
        try {
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trust store " + trustStore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use trust store " + trustStore + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted; a socket that is already broken is closed enough.
        }
    }
}
