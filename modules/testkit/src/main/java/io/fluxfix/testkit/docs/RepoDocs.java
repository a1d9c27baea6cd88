package io.fluxfix.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's documents, for tests that keep them true to the code. A document carries generated
 * blocks between {@code <!-- keys:NAME -->} and {@code <!-- /keys:NAME -->}; {@link #checkBlock} fails when
 * the block differs from what the code renders. Run a test with {@code -Dfluxfix.docs.update=true} to rewrite
 * the block instead, then review the diff.
 */
public final class RepoDocs {

    private RepoDocs() {
    }

    /** Surefire sets {@code fluxfix.repo.root}; an IDE run falls back to the directory holding {@code .mvn}. */
    public static Path repoRoot() {
        String property = System.getProperty("fluxfix.repo.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no .mvn above "
                + Path.of("").toAbsolutePath() + ")");
    }

    public static String read(String relativePath) {
        try {
            return Files.readString(repoRoot().resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that {@code relativePath} holds {@code block} (which starts with its opening marker and ends
     * with its closing one) exactly; with {@code fluxfix.docs.update=true} replaces the document's block
     * with it instead.
     *
     * @throws AssertionError naming the document and the block when they differ
     */
    public static void checkBlock(String relativePath, String block) {
        String open = block.substring(0, block.indexOf('\n'));
        String close = block.substring(block.lastIndexOf('\n') + 1);
        String doc = read(relativePath);
        int start = doc.indexOf(open);
        int end = doc.indexOf(close);
        if (start < 0 || end < start) {
            throw new AssertionError(relativePath + " has no block " + open + " … " + close);
        }
        String current = doc.substring(start, end + close.length());
        if (current.equals(block)) {
            return;
        }
        if (Boolean.getBoolean("fluxfix.docs.update")) {
            try {
                Files.writeString(repoRoot().resolve(relativePath),
                        doc.substring(0, start) + block + doc.substring(end + close.length()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        throw new AssertionError(relativePath + ": block " + open + " is out of date with the code.\n"
                + "Expected:\n" + block + "\nFound:\n" + current
                + "\n(rerun with -Dfluxfix.docs.update=true to rewrite it, then review the diff)");
    }
}
