package dev.switchboard.internal.gateway.httprule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The first-segment index of {@link RuleTable} finds what trying every template in the order of adding finds: the same
 * rule (precedence and ties included), the same 405 methods, the same 404s, the same {@link RuleTable#covers}. Seeded
 * random tables and paths from a small alphabet, so that templates and paths collide often: percent-encoded literals,
 * verbs, {@code *}, {@code **}, templates beginning with a variable, custom methods of kind {@code *}.
 */
class RuleTableIndexTest {

    private static final long SEED = Long.getLong("switchboard.properties.seed", 20250617L);
    private static final int TABLES = 400;
    private static final int PATHS_PER_TABLE = 60;

    private static final String[] LITERALS = {"v1", "a", "b", "a:b", "%61", "x%2Fy"};
    private static final String[] PATH_SEGMENTS = {"v1", "a", "b", "%61", "%76%31", "a:b", "a%3Ab", "x%2Fy", "x", "", "%zz", "b:run"};
    private static final String[] VERBS = {"run", "b", "b:run"};
    private static final String[] METHODS = {"GET", "POST", "*"};

    @Test
    void theIndexAnswersAsTryingEveryTemplate() {
        SplittableRandom seeds = new SplittableRandom(SEED);
        int found = 0;
        int notAllowed = 0;
        int covered = 0;
        for (int t = 1; t <= TABLES; t++) {
            SplittableRandom random = seeds.split();
            List<RuleTable.Rule<String>> added = new ArrayList<>();
            RuleTable.Builder<String> builder = RuleTable.builder();
            Set<String> shapes = new HashSet<>();
            int size = 1 + random.nextInt(8);
            while (added.size() < size) {
                String method = METHODS[random.nextInt(METHODS.length)];
                PathTemplate template = PathTemplate.parse(template(random));
                if (shapes.add(method + " " + template.shape())) {
                    String name = method + " " + template + " #" + added.size();
                    builder.add(method, template, name, name);
                    added.add(new RuleTable.Rule<>(method, template, name, name));
                }
            }
            RuleTable<String> table = builder.build();
            for (int p = 0; p < PATHS_PER_TABLE; p++) {
                String path = path(random);
                String method = random.nextBoolean() ? "GET" : "post";
                String where = "seed " + SEED + ", table " + t + " " + added + ", " + method + " " + path;
                Object expected;
                Object actual;
                try {
                    expected = describe(scan(added, method, path));
                } catch (IllegalArgumentException e) {
                    expected = "refused: " + e.getMessage();
                }
                try {
                    actual = describe(table.find(method, path));
                } catch (IllegalArgumentException e) {
                    actual = "refused: " + e.getMessage();
                }
                assertThat(actual).as(where).isEqualTo(expected);
                assertThat(table.covers(path)).as("covers: " + where).isEqualTo(coveredByScan(added, path));
                found += actual.toString().startsWith("found") ? 1 : 0;
                notAllowed += actual.toString().startsWith("not allowed") ? 1 : 0;
                covered += table.covers(path) ? 1 : 0;
            }
        }
        // the draws must reach every kind of answer, or the comparison says little
        assertThat(found).as("found, seed " + SEED).isGreaterThan(500);
        assertThat(notAllowed).as("not allowed, seed " + SEED).isGreaterThan(100);
        assertThat(covered).as("covered, seed " + SEED).isGreaterThan(500);
    }

    private static String template(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int segments = 1 + random.nextInt(3);
        boolean variable = false;
        for (int i = 0; i < segments; i++) {
            boolean last = i == segments - 1;
            int kind = random.nextInt(10);
            text.append('/');
            if (kind < 6) {
                text.append(LITERALS[random.nextInt(LITERALS.length)]);
            } else if (kind < 8 || !last) {
                text.append(variable || random.nextBoolean() ? "*" : "{v}");
                variable |= text.toString().endsWith("{v}");
            } else {
                text.append(variable || random.nextBoolean() ? "**" : "{rest=**}");
            }
        }
        if (random.nextInt(3) == 0) {
            text.append(':').append(VERBS[random.nextInt(VERBS.length)]);
        }
        return text.toString();
    }

    private static String path(SplittableRandom random) {
        StringBuilder path = new StringBuilder();
        int segments = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(PATH_SEGMENTS[random.nextInt(PATH_SEGMENTS.length)]);
        }
        if (random.nextInt(3) == 0) {
            path.append(':').append(VERBS[random.nextInt(VERBS.length)]);
        }
        return path.length() == 0 && random.nextBoolean() ? "/" : path.toString();
    }

    /** The lookup by trying every template in the order of adding: the most specific, the first added among equals. */
    private static RuleTable.Lookup<String> scan(List<RuleTable.Rule<String>> rules, String httpMethod, String path) {
        String method = httpMethod.toUpperCase(Locale.ROOT);
        RuleTable.Rule<String> best = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (RuleTable.Rule<String> rule : rules) {
            if (!rule.template().matches(path)) {
                continue;
            }
            if (rule.httpMethod().equals(method) || rule.httpMethod().equals(RuleTable.ANY_METHOD)) {
                int order = best == null ? -1 : PathTemplate.bySpecificity(rule.template(), best.template());
                if (order < 0 || order == 0 && !rule.httpMethod().equals(RuleTable.ANY_METHOD)
                        && best.httpMethod().equals(RuleTable.ANY_METHOD)) {
                    best = rule;
                }
            } else {
                allowed.add(rule.httpMethod());
            }
        }
        if (best != null) {
            return new RuleTable.Found<>(best, best.template().bind(path));
        }
        return allowed.isEmpty() ? new RuleTable.NotFound<>() : new RuleTable.NotAllowed<>(allowed);
    }

    private static boolean coveredByScan(List<RuleTable.Rule<String>> rules, String path) {
        for (RuleTable.Rule<String> rule : rules) {
            String prefix = rule.template().literalPrefix();
            if (!prefix.isEmpty() && path.startsWith(prefix) && (path.length() == prefix.length()
                    || path.charAt(prefix.length()) == '/' || path.charAt(prefix.length()) == ':')) {
                return true;
            }
        }
        return false;
    }

    private static String describe(RuleTable.Lookup<String> lookup) {
        if (lookup instanceof RuleTable.Found<String> found) {
            return "found " + found.rule().target() + " " + found.variables();
        }
        if (lookup instanceof RuleTable.NotAllowed<String> notAllowed) {
            return "not allowed " + notAllowed.allowed();
        }
        return "not found";
    }
}
