package io.fluxfix.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** Facts fixed at build time, read from {@code version.properties} (filtered by Maven). */
final class BuildInfo {

    private static final String RESOURCE = "version.properties";

    private BuildInfo() {
    }

    /** The project version this jar was built from, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: a broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " was not filtered by Maven: version=" + version);
        }
        return version;
    }

    /** What {@code fluxfix version} and {@code fluxfix --version} print. */
    static String[] versionLines() {
        return new String[] {
            "fluxfix " + version(),
            "Java " + System.getProperty("java.runtime.version", Runtime.version().toString())
                    + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
                    + " at " + System.getProperty("java.home", "?"),
        };
    }

    /** Lets the standard {@code -V/--version} option print the same lines as {@code fluxfix version}. */
    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return versionLines();
        }
    }
}
