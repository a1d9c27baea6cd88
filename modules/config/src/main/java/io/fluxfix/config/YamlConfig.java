package io.fluxfix.config;

import io.fluxfix.model.config.ConfigException;
import io.fluxfix.model.config.ConfigSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML configuration file into a flat {@link ConfigSource}: nested maps become dotted keys
 * ({@code sessions.spot-trading.port}), list items get their index ({@code symbols.0}). Every scalar stays
 * the text the user wrote — no YAML type guessing — so {@code 0.10000000} reaches a decimal key exactly and
 * {@code 08} is not octal. Any problem, including a syntax error or a duplicate key, is one
 * {@link ConfigException} line naming the file.
 */
public final class YamlConfig {

    private YamlConfig() {
    }

    public static ConfigSource load(Path file) {
        String origin = file.toString();
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin, "(file)", "not found");
        } catch (IOException e) {
            throw new ConfigException(origin, "(file)", "cannot be read: " + e.getMessage());
        }
        return parse(origin, text);
    }

    /** Parses {@code text}; {@code origin} names it in error messages. */
    public static ConfigSource parse(String origin, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new StringsOnly());
        final Object root;
        try {
            root = yaml.load(text);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "(syntax)" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new ConfigException(origin, where, oneLine(e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new ConfigException(origin, "(syntax)", oneLine(e.getMessage()));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root != null) {
            if (!(root instanceof Map)) {
                throw new ConfigException(origin, "(root)", "expected a map of keys, got a " + kind(root));
            }
            flatten("", root, flat);
        }
        return ConfigSource.of(origin, flat);
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) node).entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node instanceof List) {
            List<?> list = (List<?>) node;
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "." + i, list.get(i), out);
            }
        } else {
            out.put(prefix, node == null ? "" : node.toString());
        }
    }

    private static String kind(Object o) {
        return o instanceof List ? "list" : "single value";
    }

    private static String oneLine(String s) {
        return s == null ? "invalid YAML" : s.replaceAll("\\s+", " ").trim();
    }

    /** No implicit types: every plain scalar is a string, interpreted later by its {@code ConfigKey}. */
    private static final class StringsOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
        }
    }
}
