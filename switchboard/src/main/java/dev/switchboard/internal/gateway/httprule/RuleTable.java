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
 * <p>Found by trying every template in turn: deployments have tens of rules, not thousands, and a template refuses a
 * path at its first differing segment.
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

    private final List<Rule<T>> rules;
    /** The templates' leading literal segments (none for a template that begins with a variable). */
    private final List<String> prefixes;
    /** The templates that begin with a variable or wildcard: they cover only the paths they match. */
    private final List<PathTemplate> unanchored;

    private RuleTable(List<Rule<T>> rules) {
        this.rules = List.copyOf(rules);
        this.prefixes = rules.stream().map(r -> r.template().literalPrefix()).filter(p -> !p.isEmpty()).distinct().toList();
        this.unanchored = rules.stream().map(Rule::template).filter(t -> t.literalPrefix().isEmpty()).toList();
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
        Rule<T> best = null;
        TreeSet<String> allowed = null;
        for (Rule<T> rule : rules) {
            if (!rule.template().matches(rawPath)) {
                continue;
            }
            if (rule.httpMethod().equals(method) || rule.httpMethod().equals(ANY_METHOD)) {
                if (best == null || isBetter(rule, best)) {
                    best = rule;
                }
            } else {
                if (allowed == null) {
                    allowed = new TreeSet<>();
                }
                allowed.add(rule.httpMethod());
            }
        }
        if (best != null) {
            return new Found<>(best, best.template().bind(rawPath));
        }
        return allowed == null ? new NotFound<>() : new NotAllowed<>(Collections.unmodifiableSortedSet(allowed));
    }

    private static boolean isBetter(Rule<?> candidate, Rule<?> best) {
        int order = PathTemplate.bySpecificity(candidate.template(), best.template());
        return order < 0 || order == 0 && !candidate.httpMethod().equals(ANY_METHOD) && best.httpMethod().equals(ANY_METHOD);
    }

    /**
     * Whether a path (decoded or not: only literal segments are compared) lies under a template's leading literal
     * segments — where the rules answer for every path, a 404 for one that matches none.
     */
    public boolean covers(String path) {
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/'
                    || path.charAt(prefix.length()) == ':')) {
                return true;
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
        for (PathTemplate template : unanchored) {
            if (template.matches(path)) {
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
