package dev.switchboard.internal.gateway.httprule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * HTTP rules by HTTP method and path template, and the rule of a request: of the templates that match its path, the
 * most specific ({@link PathTemplate#bySpecificity}) among those of its HTTP method. A rule of the custom kind
 * {@code *} answers every HTTP method, after the rules that name it. Immutable once built; {@code T} is what a rule
 * leads to (the gateway's route).
 *
 * <p>Rules are indexed by their template's first literal segment, so that a path is tried only against the templates
 * that could match it (and those beginning with a variable or wildcard): Connect calls at a method path and the
 * application's own paths look the rules up too, and most paths match none. Among the tried, precedence is as if
 * every template had been tried in the order the rules were added.
 */
public final class RuleTable<T> {

    /** The HTTP method that stands for every HTTP method (a {@code custom} rule of kind {@code *}). */
    public static final String ANY_METHOD = "*";

    /** One rule: what it answers and whose it is ({@code owner} names it in a conflict, e.g. the gRPC method). */
    public record Rule<T>(String httpMethod, PathTemplate template, T target, String owner) {
    }

    /** What a request finds. */
    public sealed interface Lookup<T> {
    }

    /** A rule answers: its target and the path's variables, decoded. */
    public record Found<T>(Rule<T> rule, Map<String, String> variables) implements Lookup<T> {
    }

    /** Rules match the path, but none for this HTTP method: {@code allowed} are theirs, in alphabetical order. */
    public record NotAllowed<T>(Set<String> allowed) implements Lookup<T> {
    }

    /** No rule matches the path. */
    public record NotFound<T>() implements Lookup<T> {
    }

    /** A rule and its place in the order of adding, which decides between equally specific rules. */
    private record Ranked<T>(int order, Rule<T> rule) {
    }

    private final List<Rule<T>> rules;
    /** The rules by their template's first segment, a literal (compared with the path's first segment, decoded). */
    private final Map<String, List<Ranked<T>>> byFirstLiteral = new HashMap<>();
    /** The rules whose template begins with a variable or wildcard: tried for every path. */
    private final List<Ranked<T>> unanchored = new ArrayList<>();
    /** The templates' leading literal segments, by their first segment (templates beginning with a variable have none). */
    private final Map<String, List<String>> prefixes = new HashMap<>();

    private RuleTable(List<Rule<T>> rules) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            Rule<T> rule = this.rules.get(i);
            String first = rule.template().firstLiteral();
            if (first == null) {
                unanchored.add(new Ranked<>(i, rule));
                continue;
            }
            byFirstLiteral.computeIfAbsent(first, k -> new ArrayList<>()).add(new Ranked<>(i, rule));
            List<String> ofFirst = prefixes.computeIfAbsent(first, k -> new ArrayList<>());
            if (!ofFirst.contains(rule.template().literalPrefix())) {
                ofFirst.add(rule.template().literalPrefix());
            }
        }
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Every rule, in the order they were added. */
    public List<Rule<T>> rules() {
        return rules;
    }

    /**
     * The rule for a request; {@code rawPath} as sent (percent-encoded, without query). {@link IllegalArgumentException}
     * when the rule's variables do not decode ({@link PathTemplate#bind}).
     */
    public Lookup<T> find(String httpMethod, String rawPath) {
        String method = httpMethod.toUpperCase(Locale.ROOT);
        Ranked<T> best = null;
        TreeSet<String> allowed = null;
        List<String> keys = firstSegmentKeys(rawPath);
        for (int k = 0; k <= keys.size(); k++) {
            List<Ranked<T>> candidates = k < keys.size()
                    ? byFirstLiteral.getOrDefault(PathTemplate.decodedOrRaw(keys.get(k)), List.of()) : unanchored;
            for (Ranked<T> candidate : candidates) {
                Rule<T> rule = candidate.rule();
                if (!rule.template().matches(rawPath)) {
                    continue;
                }
                if (rule.httpMethod().equals(method) || rule.httpMethod().equals(ANY_METHOD)) {
                    if (best == null || isBetter(candidate, best)) {
                        best = candidate;
                    }
                } else {
                    if (allowed == null) {
                        allowed = new TreeSet<>();
                    }
                    allowed.add(rule.httpMethod());
                }
            }
        }
        if (best != null) {
            return new Found<>(best.rule(), best.rule().template().bind(rawPath));
        }
        return allowed == null ? new NotFound<>() : new NotAllowed<>(Collections.unmodifiableSortedSet(allowed));
    }

    /** More specific; between equally specific rules, one of the method named before one of any, then the first added. */
    private static boolean isBetter(Ranked<?> candidate, Ranked<?> best) {
        int order = PathTemplate.bySpecificity(candidate.rule().template(), best.rule().template());
        if (order != 0) {
            return order < 0;
        }
        boolean candidateAny = candidate.rule().httpMethod().equals(ANY_METHOD);
        boolean bestAny = best.rule().httpMethod().equals(ANY_METHOD);
        return candidateAny != bestAny ? bestAny : candidate.order() < best.order();
    }

    /**
     * What a template's first literal segment may be for this path: the path's first segment, and that segment's text
     * before each {@code ':'} — a one-segment path's verb ({@code /v1:run}) is cut off there before the segments are
     * compared, and a one-segment literal prefix covers what follows it after a {@code ':'}. Empty for a path not
     * beginning with {@code /}. Raw: {@link #find} decodes them as the templates compare literals.
     */
    private static List<String> firstSegmentKeys(String path) {
        if (!path.startsWith("/")) {
            return List.of();
        }
        int slash = path.indexOf('/', 1);
        String first = path.substring(1, slash < 0 ? path.length() : slash);
        int colon = first.indexOf(':');
        if (colon < 0) {
            return List.of(first);
        }
        List<String> keys = new ArrayList<>();
        keys.add(first);
        for (; colon >= 0; colon = first.indexOf(':', colon + 1)) {
            keys.add(first.substring(0, colon));
        }
        return keys;
    }

    /**
     * Whether a path (decoded or not: only literal segments are compared) lies under a template's leading literal
     * segments — where the rules answer for every path, a 404 for one that matches none.
     */
    public boolean covers(String path) {
        for (String key : firstSegmentKeys(path)) {
            for (String prefix : prefixes.getOrDefault(key, List.of())) {
                if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                        || path.charAt(prefix.length()) == ':')) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a rule may answer the path: {@link #covers} it, or a template without leading literal segments matches
     * it (every other template's paths are covered). Cheap for the application's own paths: a few prefixes.
     */
    public boolean claims(String path) {
        if (covers(path)) {
            return true;
        }
        for (Ranked<T> rule : unanchored) {
            if (rule.rule().template().matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Collects rules; refuses a rule identical to one already added (same HTTP method, same template shape). */
    public static final class Builder<T> {
        private final List<Rule<T>> rules = new ArrayList<>();
        private final Map<String, Rule<T>> byShape = new HashMap<>();

        private Builder() {
        }

        /** {@link IllegalArgumentException} naming both owners when an identical rule is there already. */
        public Builder<T> add(String httpMethod, PathTemplate template, T target, String owner) {
            String method = httpMethod.equals(ANY_METHOD) ? ANY_METHOD : httpMethod.toUpperCase(Locale.ROOT);
            Rule<T> rule = new Rule<>(method, template, target, owner);
            Rule<T> other = byShape.putIfAbsent(method + " " + template.shape(), rule);
            if (other != null) {
                throw new IllegalArgumentException("The HTTP rules " + method + " " + template + " of " + owner + " and "
                        + other.httpMethod() + " " + other.template() + " of " + other.owner()
                        + " match the same requests; change one of them");
            }
            rules.add(rule);
            return this;
        }

        public RuleTable<T> build() {
            return new RuleTable<>(rules);
        }
    }
}
