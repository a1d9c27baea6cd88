package io.fluxfix.venue.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local venue's TLS material: a self-signed certificate for {@code localhost}, made at start in the venue's
 * data directory with the running JDK's {@code keytool} (the JDK has no public API that makes a certificate), so
 * that no private key is ever committed.
 *
 * <p>{@link #ensure} leaves three files in the directory:
 * <ul>
 *   <li>{@value #KEY_STORE_FILE}: PKCS12, an RSA 2048 key pair and its self-signed certificate (CN=localhost,
 *       SAN dns:localhost and ip:127.0.0.1) under the alias {@value #KEY_ALIAS}; owner-only where the file
 *       system has POSIX permissions;</li>
 *   <li>{@value #KEY_STORE_PASSWORD_FILE}: the key store's password, random, made once, owner-only;</li>
 *   <li>{@value #TRUST_STORE_FILE}: PKCS12, only that certificate, password {@value #TRUST_STORE_PASSWORD} (the
 *       clients' default; the store holds nothing secret).</li>
 * </ul>
 * Files that are present, load, agree with each other and hold a certificate valid for at least
 * {@link #MIN_REMAINING_VALIDITY} more are reused; anything else is replaced by a new set, and
 * {@link #generated()} says so. Two processes must not call it on one directory at the same time.
 */
public final class SelfSignedTls {

    public static final String KEY_STORE_FILE = "venue-key.p12";
    public static final String KEY_STORE_PASSWORD_FILE = "venue-key.password";
    public static final String TRUST_STORE_FILE = "trust.p12";
    public static final String STORE_TYPE = "PKCS12";
    public static final String KEY_ALIAS = "venue";
    /** Public on purpose: the trust store holds only the certificate, and clients default to this password. */
    public static final String TRUST_STORE_PASSWORD = "changeit";
    /** A certificate with less left than this is replaced, so a venue started now is still valid tomorrow. */
    public static final Duration MIN_REMAINING_VALIDITY = Duration.ofDays(1);

    static final String TRUST_ALIAS = "venue-sim";
    static final String DISTINGUISHED_NAME = "CN=localhost";
    static final String SUBJECT_ALT_NAMES = "SAN=dns:localhost,ip:127.0.0.1";
    /** Generous: an RSA 2048 key takes well under a second, but a loaded CI machine can be slow to start a JVM. */
    static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    /** The certificate starts a little before the clock's now, so a peer whose clock runs behind accepts it. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final Duration DAY = Duration.ofDays(1);
    private static final String MASK = "********";
    static final String KEY_PASS_ENV = "FLUXFIX_VENUE_KEY_STORE_PASS";
    /** keytool's absolute {@code -startdate} form; keytool reads it in its default zone, which we set to UTC. */
    private static final DateTimeFormatter KEYTOOL_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_TOOL_OUTPUT = 400;

    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Path trustStore;
    private final String certificateSha256;
    private final Instant validUntil;
    private final boolean generated;

    private SelfSignedTls(Path keyStore, char[] keyStorePassword, Path trustStore, String certificateSha256,
            Instant validUntil, boolean generated) {
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword;
        this.trustStore = trustStore;
        this.certificateSha256 = certificateSha256;
        this.validUntil = validUntil;
        this.generated = generated;
    }

    /**
     * Reuses or makes the venue's key store, its password file and the clients' trust store in {@code dir}
     * (created, owner-only, if missing).
     *
     * @param validity how long a new certificate is valid, rounded up to whole days; at least two days, since a
     *                 certificate with less than {@link #MIN_REMAINING_VALIDITY} left is replaced
     * @param clock    decides whether an existing certificate is still valid, and when a new one starts
     * @throws TlsSetupException when the directory cannot be written or keytool fails
     */
    public static SelfSignedTls ensure(Path dir, Duration validity, Clock clock) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(clock, "clock");
        long days = validityDays(validity);
        Path home = dir.toAbsolutePath().normalize();
        Instant now = clock.instant();
        try {
            createOwnerOnlyDirectories(home);
            try {
                return inspect(home, now, false);
            } catch (NotReusable stale) {
                // Anything short of a complete, consistent, valid set is replaced as a whole.
                generate(home, days, now);
            }
            try {
                return inspect(home, now, true);
            } catch (NotReusable e) {
                throw new TlsSetupException("keytool made TLS files in " + home + " that cannot be used: "
                        + e.getMessage());
            }
        } catch (IOException e) {
            throw new TlsSetupException("cannot prepare TLS files in " + home + ": " + e, e);
        }
    }

    /** The PKCS12 key store the venue's acceptor serves from. */
    public Path keyStore() {
        return keyStore;
    }

    /** A fresh copy of the key store's password; clear it when done. */
    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    /** The PKCS12 trust store a client needs to accept the venue: the venue's certificate and nothing else. */
    public Path trustStore() {
        return trustStore;
    }

    public char[] trustStorePassword() {
        return TRUST_STORE_PASSWORD.toCharArray();
    }

    /** SHA-256 of the certificate, upper-case hex pairs joined by colons, as {@code keytool -list} prints it. */
    public String certificateSha256() {
        return certificateSha256;
    }

    /** The certificate's notAfter. */
    public Instant validUntil() {
        return validUntil;
    }

    /** True when this call made the files; false when it reused them. */
    public boolean generated() {
        return generated;
    }

    @Override
    public String toString() {
        return "SelfSignedTls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", sha256=" + certificateSha256
                + ", validUntil=" + validUntil + ", generated=" + generated + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Inspecting what is there

    /** Why existing files are not used; always followed by making new ones. */
    private static final class NotReusable extends Exception {
        private static final long serialVersionUID = 1L;

        NotReusable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static SelfSignedTls inspect(Path dir, Instant now, boolean generated) throws NotReusable {
        Path keyFile = dir.resolve(KEY_STORE_FILE);
        Path passwordFile = dir.resolve(KEY_STORE_PASSWORD_FILE);
        Path trustFile = dir.resolve(TRUST_STORE_FILE);
        for (Path file : List.of(keyFile, passwordFile, trustFile)) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new NotReusable(file.getFileName() + " is missing or unreadable");
            }
        }
        char[] password = readPassword(passwordFile);
        KeyStore keys = load(keyFile, password);
        KeyStore trust = load(trustFile, TRUST_STORE_PASSWORD.toCharArray());
        X509Certificate certificate;
        try {
            if (!keys.isKeyEntry(KEY_ALIAS) || !(keys.getCertificate(KEY_ALIAS) instanceof X509Certificate)) {
                throw new NotReusable(KEY_STORE_FILE + " has no key entry '" + KEY_ALIAS + "'");
            }
            certificate = (X509Certificate) keys.getCertificate(KEY_ALIAS);
            List<String> trusted = Collections.list(trust.aliases());
            if (trusted.size() != 1 || !certificate.equals(trust.getCertificate(trusted.get(0)))) {
                throw new NotReusable(TRUST_STORE_FILE + " does not hold exactly the venue's certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new NotReusable("cannot read the stores: " + e.getMessage());
        }
        if (!hasLocalhostNames(certificate)) {
            throw new NotReusable("the certificate does not name localhost and 127.0.0.1");
        }
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new NotReusable("the certificate starts at " + notBefore + ", after now (" + now + ")");
        }
        if (notAfter.isBefore(now.plus(MIN_REMAINING_VALIDITY))) {
            throw new NotReusable("the certificate expires at " + notAfter + ", less than "
                    + MIN_REMAINING_VALIDITY.toDays() + " day after now (" + now + ")");
        }
        return new SelfSignedTls(keyFile, password, trustFile, sha256(certificate), notAfter, generated);
    }

    private static char[] readPassword(Path file) throws NotReusable {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new NotReusable(file.getFileName() + " is empty");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new NotReusable(file.getFileName() + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static KeyStore load(Path file, char[] password) throws NotReusable {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(STORE_TYPE);
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password is an IOException too; its message names no password.
            throw new NotReusable(file.getFileName() + " does not load: " + e.getMessage());
        }
    }

    private static boolean hasLocalhostNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            boolean dns = false;
            boolean ip = false;
            for (List<?> name : names) {
                Object type = name.get(0);
                Object value = name.get(1);
                dns |= Integer.valueOf(2).equals(type) && "localhost".equals(value);
                ip |= Integer.valueOf(7).equals(type) && "127.0.0.1".equals(value);
            }
            return dns && ip;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static String sha256(Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot fingerprint the venue certificate: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Making new files

    private static long validityDays(Duration validity) {
        Duration shortest = MIN_REMAINING_VALIDITY.multipliedBy(2);
        if (validity.compareTo(shortest) < 0) {
            throw new IllegalArgumentException("validity must be at least " + shortest.toDays()
                    + " days (a certificate with less than " + MIN_REMAINING_VALIDITY.toDays()
                    + " day left is replaced), got " + validity);
        }
        long days = validity.toDays();
        return validity.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    /**
     * Makes a complete set in a private scratch directory, then moves it into place, so a failure half-way
     * leaves either the old set or an incomplete one that the next start replaces.
     */
    private static void generate(Path dir, long days, Instant now) throws IOException {
        Path work = Files.createTempDirectory(dir, ".tls-");
        char[] password = randomPassword();
        try {
            Path passwordFile = work.resolve(KEY_STORE_PASSWORD_FILE);
            createOwnerOnlyFile(passwordFile);
            Files.writeString(passwordFile, new String(password), StandardCharsets.UTF_8);

            List<String> secrets = List.of(new String(password));
            keytool(work, Map.of(KEY_PASS_ENV, secrets.get(0)), secrets, "-genkeypair",
                    "-alias", KEY_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
                    "-dname", DISTINGUISHED_NAME, "-ext", SUBJECT_ALT_NAMES,
                    "-startdate", KEYTOOL_DATE.format(now.minus(BACKDATE)), "-validity", Long.toString(days),
                    "-storetype", STORE_TYPE, "-keystore", KEY_STORE_FILE, "-storepass:env", KEY_PASS_ENV);
            writeTrustStore(work.resolve(KEY_STORE_FILE), password, work.resolve(TRUST_STORE_FILE));
            restrictToOwner(work.resolve(KEY_STORE_FILE));

            // Password first: a crash between moves leaves a key store that does not open, which is replaced.
            moveIntoPlace(passwordFile, dir.resolve(KEY_STORE_PASSWORD_FILE));
            moveIntoPlace(work.resolve(KEY_STORE_FILE), dir.resolve(KEY_STORE_FILE));
            moveIntoPlace(work.resolve(TRUST_STORE_FILE), dir.resolve(TRUST_STORE_FILE));
        } finally {
            Arrays.fill(password, '\0');
            deleteTree(work);
        }
    }

    /**
     * The same store {@code keytool -exportcert} piped into {@code keytool -importcert -noprompt} makes (keytool
     * uses this very KeyStore API), without starting two more JVMs, which takes seconds on a loaded machine.
     */
    private static void writeTrustStore(Path keyFile, char[] password, Path trustFile) throws IOException {
        try (InputStream in = Files.newInputStream(keyFile); OutputStream out = Files.newOutputStream(trustFile)) {
            KeyStore keys = KeyStore.getInstance(STORE_TYPE);
            keys.load(in, password);
            KeyStore trust = KeyStore.getInstance(STORE_TYPE);
            trust.load(null, null);
            trust.setCertificateEntry(TRUST_ALIAS, keys.getCertificate(KEY_ALIAS));
            trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot write " + TRUST_STORE_FILE + " from the new key store: " + e, e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Arrays.fill(bytes, (byte) 0);
        return text.toCharArray();
    }

    /**
     * Runs the JDK's keytool in {@code work}. Passwords reach it through the environment, never the command line
     * (which {@code ps} shows). keytool prints its errors on standard output, so both streams go to one file,
     * which also spares us a reader thread per stream.
     */
    static void keytool(Path work, Map<String, String> env, List<String> secrets, String... args)
            throws IOException {
        Path tool = keytoolPath();
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.add(args[0]);
        // English messages in our one-line errors, and -startdate read as UTC.
        command.add("-J-Duser.language=en");
        command.add("-J-Duser.timezone=UTC");
        command.addAll(Arrays.asList(args).subList(1, args.length));
        Path output = work.resolve("keytool.out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        // Nothing to say to it; a prompt we did not expect then fails at once instead of waiting for input.
        process.getOutputStream().close();
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new TlsSetupException("keytool " + args[0] + " did not finish within "
                        + KEYTOOL_TIMEOUT.toSeconds() + " s: " + toolOutput(output, secrets));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TlsSetupException("interrupted while keytool " + args[0] + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new TlsSetupException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): "
                    + toolOutput(output, secrets));
        }
    }

    static Path keytoolPath() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path tool = bin.resolve("keytool");
        if (Files.isExecutable(tool)) {
            return tool;
        }
        Path windows = bin.resolve("keytool.exe");
        if (Files.isExecutable(windows)) {
            return windows;
        }
        throw new TlsSetupException("keytool not found in " + bin + " (java.home must be a JDK or a JRE with keytool)");
    }

    /** keytool's output as one line, shortened, with any secret masked in case a future keytool echoes one. */
    private static String toolOutput(Path file, List<String> secrets) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getClass().getSimpleName() + ")";
        }
        for (String secret : secrets) {
            text = text.replace(secret, MASK);
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(no output)";
        }
        return text.length() <= MAX_TOOL_OUTPUT ? text : text.substring(0, MAX_TOOL_OUTPUT) + "...";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Files

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static Set<PosixFilePermission> ownerOnly(boolean directory) {
        return PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------");
    }

    private static void createOwnerOnlyDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(ownerOnly(true)));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static void createOwnerOnlyFile(Path file) throws IOException {
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(ownerOnly(false))}
                : new FileAttribute<?>[0];
        Files.createFile(file, attributes);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, ownerOnly(false));
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A file system without atomic rename over an existing file.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            // Scratch files only (the password file has been moved out or is owner-only); not worth failing over.
        }
    }
}
