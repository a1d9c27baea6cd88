package io.fluxfix.runner;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where FluxFix is installed: {@code bin/fluxfix} passes its repository root as {@code -Dfluxfix.home}; run
 * any other way, the current directory or the nearest parent holding {@code config/}.
 */
final class FluxFixHome {

    private FluxFixHome() {
    }

    static Path path(String relative) {
        return home().resolve(relative);
    }

    static Path home() {
        String home = System.getProperty("fluxfix.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config"))) {
                return p;
            }
        }
        return Path.of("");
    }
}
