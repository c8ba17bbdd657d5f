package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The configuration reference ({@code docs/configuration.md}) documents every public String constant of
 * {@link Switchboard}: each context-param has a row of its own, the other constants (the port attribute, the default
 * host) appear in it. And the docs name no context-param that does not exist.
 */
class DocsConfigurationTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern ROW_NAME = Pattern.compile("^\\| `(switchboard\\.[^`]+)` \\|", Pattern.MULTILINE);
    private static final Pattern PARAM_NAME = Pattern.compile("<param-name>\\s*(switchboard\\.[^<\\s]+)\\s*</param-name>");

    @Test
    void everyContextParamHasARowInTheConfigurationReference() throws IOException {
        String reference = Files.readString(DOCS.resolve("configuration.md"));
        Set<String> rows = matches(ROW_NAME, reference);
        List<String> missing = new ArrayList<>();
        constants().forEach((field, value) -> {
            boolean documented = value.startsWith("switchboard.") ? rows.contains(value) : reference.contains("`" + value + "`");
            if (!documented) {
                missing.add("Switchboard." + field + " (\"" + value + "\")");
            }
        });
        assertThat(missing).as("constants of dev.switchboard.Switchboard missing from docs/configuration.md"
                + " (a context-param needs a table row starting with | `its-name` |)").isEmpty();
    }

    @Test
    void theDocsNameOnlyContextParamsThatExist() throws IOException {
        Set<String> known = new TreeSet<>(constants().values());
        Set<String> named = matches(ROW_NAME, Files.readString(DOCS.resolve("configuration.md")));
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).toList()) {
                named.addAll(matches(PARAM_NAME, Files.readString(page)));
            }
        }
        named.removeAll(known);
        assertThat(named).as("context-params in docs/ (configuration.md rows, <param-name>s) that Switchboard does not have")
                .isEmpty();
    }

    /** The public static String constants of {@link Switchboard}, by field name. */
    private static Map<String, String> constants() {
        Map<String, String> constants = new LinkedHashMap<>();
        for (Field field : Switchboard.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                try {
                    constants.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(constants).as("public String constants of Switchboard").isNotEmpty();
        return constants;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
