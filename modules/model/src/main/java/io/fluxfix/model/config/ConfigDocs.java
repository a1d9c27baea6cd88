package io.fluxfix.model.config;

import java.util.List;

/**
 * Renders declared keys as the Markdown table that {@code docs/configuration.md} carries between
 * {@code <!-- keys:NAME -->} and {@code <!-- /keys:NAME -->} markers. Each module's test compares the
 * document with this rendering, so a key added in code without documentation fails the build.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String table(List<ConfigKey<?>> keys) {
        StringBuilder sb = new StringBuilder();
        sb.append("| key | type | default | what it does |\n");
        sb.append("|---|---|---|---|\n");
        for (ConfigKey<?> k : keys) {
            sb.append("| `").append(k.name()).append("` | ")
                    .append(escape(k.type())).append(" | ")
                    .append(k.required() ? "*required*" : k.defaultText().isEmpty() ? "*empty*" : "`" + k.defaultText() + "`")
                    .append(" | ")
                    .append(escape(k.description())).append(" |\n");
        }
        return sb.toString();
    }

    /** The marked block for {@code section}, exactly as it must appear in the document. */
    public static String block(String section, List<ConfigKey<?>> keys) {
        return "<!-- keys:" + section + " -->\n" + table(keys) + "<!-- /keys:" + section + " -->";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
