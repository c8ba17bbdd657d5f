package dev.switchboard.internal.gateway.httprule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One path template of an {@code HttpRule}, in the syntax {@code google/api/http.proto} gives:
 *
 * <pre>
 * Template = "/" Segments [ Verb ] ;
 * Segments = Segment { "/" Segment } ;
 * Segment  = "*" | "**" | LITERAL | Variable ;
 * Variable = "{" FieldPath [ "=" Segments ] "}" ;
 * FieldPath = IDENT { "." IDENT } ;
 * Verb     = ":" LITERAL ;
 * </pre>
 *
 * <p>{@code **} matches zero or more segments and must be the last segment; {@code {var}} is {@code {var=*}}. A
 * template is matched against the request path as sent (still percent-encoded), so that a variable's value can be
 * decoded as the spec says ({@link PathDecoding}); literal segments are compared with the decoded segment. Immutable.
 */
public final class PathTemplate {

    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** How specific a segment is: lower is more specific (a literal beats {@code *}, which beats {@code **}). */
    private enum Kind { LITERAL, SINGLE, MULTI }

    private record Segment(Kind kind, String literal) {
    }

    /** A variable over the template's segments {@code [start, end)}; {@code end} is -1 for one ending in {@code **}. */
    private record Variable(String fieldPath, int start, int end, boolean singleSegment) {
    }

    private final String text;
    private final List<Segment> segments;
    private final List<Variable> variables;
    private final String verb;

    private PathTemplate(String text, List<Segment> segments, List<Variable> variables, String verb) {
        this.text = text;
        this.segments = List.copyOf(segments);
        this.variables = List.copyOf(variables);
        this.verb = verb;
    }

    /** The template of {@code text}; {@link IllegalArgumentException} saying what is wrong where it is not one. */
    public static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw invalid(text, "it must begin with /");
        }
        int cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('}'));
        int colon = text.indexOf(':', cut + 1);
        String verb = null;
        String path = text;
        if (colon >= 0) {
            verb = text.substring(colon + 1);
            path = text.substring(0, colon);
            if (verb.isEmpty() || !literal(verb)) {
                throw invalid(text, "the verb after ':' must be a literal");
            }
        }
        List<Segment> segments = new ArrayList<>();
        List<Variable> variables = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        int i = 1;
        while (true) {
            if (i >= path.length()) {
                throw invalid(text, "a segment is empty");
            }
            if (path.charAt(i) == '{') {
                int close = path.indexOf('}', i);
                if (close < 0 || path.indexOf('{', i + 1) >= 0 && path.indexOf('{', i + 1) < close) {
                    throw invalid(text, "a variable's '{' has no '}' before the next '{'");
                }
                String inner = path.substring(i + 1, close);
                int eq = inner.indexOf('=');
                String field = eq < 0 ? inner : inner.substring(0, eq);
                if (!FIELD_PATH.matcher(field).matches()) {
                    throw invalid(text, "'" + field + "' is not a field path (a.b.c)");
                }
                if (!fields.add(field)) {
                    throw invalid(text, "the variable " + field + " appears twice");
                }
                int start = segments.size();
                if (eq < 0) {
                    segments.add(new Segment(Kind.SINGLE, null));
                } else {
                    for (String part : inner.substring(eq + 1).split("/", -1)) {
                        segments.add(segment(text, part));
                    }
                }
                boolean single = segments.size() - start == 1 && segments.get(start).kind() != Kind.MULTI;
                boolean multi = segments.get(segments.size() - 1).kind() == Kind.MULTI;
                variables.add(new Variable(field, start, multi ? -1 : segments.size(), single));
                i = close + 1;
            } else {
                int slash = path.indexOf('/', i);
                int end = slash < 0 ? path.length() : slash;
                segments.add(segment(text, path.substring(i, end)));
                i = end;
            }
            if (i == path.length()) {
                break;
            }
            if (path.charAt(i) != '/') {
                throw invalid(text, "a variable must be a whole segment");
            }
            i++;
        }
        for (int s = 0; s < segments.size() - 1; s++) {
            if (segments.get(s).kind() == Kind.MULTI) {
                throw invalid(text, "** must be the last segment");
            }
        }
        return new PathTemplate(text, segments, variables, verb);
    }

    private static Segment segment(String text, String part) {
        if (part.equals("*")) {
            return new Segment(Kind.SINGLE, null);
        }
        if (part.equals("**")) {
            return new Segment(Kind.MULTI, null);
        }
        if (part.isEmpty()) {
            throw invalid(text, "a segment is empty");
        }
        if (!literal(part)) {
            throw invalid(text, "'" + part + "' is neither *, ** nor a literal");
        }
        return new Segment(Kind.LITERAL, part);
    }

    private static boolean literal(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '{' || c == '}' || c == '*' || c == '/' || c == '=' || c <= ' ') {
                return false;
            }
        }
        return true;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a path template: " + why);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The field paths of the variables, in the template's order. */
    public List<String> fieldPaths() {
        return variables.stream().map(Variable::fieldPath).toList();
    }

    /** The trailing custom verb ({@code cancel} of {@code /v1/{name}:cancel}), or null. */
    public String verb() {
        return verb;
    }

    /**
     * What the template matches, without its variables' names: {@code /v1/{name=shelves/*}} and {@code /v1/shelves/{x}}
     * both have the shape {@code /v1/shelves/*}. Two rules of one HTTP method with one shape cannot be told apart.
     */
    public String shape() {
        StringBuilder shape = new StringBuilder();
        for (Segment segment : segments) {
            shape.append('/').append(switch (segment.kind()) {
                case LITERAL -> segment.literal();
                case SINGLE -> "*";
                case MULTI -> "**";
            });
        }
        return verb == null ? shape.toString() : shape + ":" + verb;
    }

    /** The literal segments before the first wildcard or variable ({@code /v1/shelves} of {@code /v1/shelves/{shelf}}). */
    public String literalPrefix() {
        StringBuilder prefix = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.kind() != Kind.LITERAL) {
                break;
            }
            prefix.append('/').append(segment.literal());
        }
        return prefix.toString();
    }

    /** The first segment when it is a literal ({@code v1} of {@code /v1/{name}}), else null. */
    public String firstLiteral() {
        Segment first = segments.get(0);
        return first.kind() == Kind.LITERAL ? first.literal() : null;
    }

    /** Whether {@code rawPath} (as sent: percent-encoded, without the query) has this template's form. */
    public boolean matches(String rawPath) {
        return split(rawPath) != null;
    }

    /**
     * The variables of a path that {@link #matches}, by field path, decoded as the spec says; null when it does not
     * match. {@link IllegalArgumentException} when a variable's value is not percent-encoded UTF-8.
     */
    public Map<String, String> bind(String rawPath) {
        String[] parts = split(rawPath);
        if (parts == null) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Variable variable : variables) {
            int end = variable.end() < 0 ? parts.length : variable.end();
            String raw = String.join("/", java.util.Arrays.copyOfRange(parts, variable.start(), end));
            try {
                values.put(variable.fieldPath(), PathDecoding.decode(raw, !variable.singleSegment()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Path variable " + variable.fieldPath() + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** The path's segments (raw) when the path has this template's form, else null. */
    private String[] split(String rawPath) {
        String path = rawPath;
        if (verb != null) {
            if (!path.endsWith(":" + verb)) {
                return null;
            }
            path = path.substring(0, path.length() - verb.length() - 1);
        }
        if (!path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        boolean multi = segments.get(segments.size() - 1).kind() == Kind.MULTI;
        int fixed = multi ? segments.size() - 1 : segments.size();
        if (multi ? parts.length < fixed : parts.length != fixed) {
            return null;
        }
        for (int i = 0; i < fixed; i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.SINGLE ? parts[i].isEmpty() : !segment.literal().equals(decodedOrRaw(parts[i]))) {
                return null;
            }
        }
        return parts;
    }

    /** A literal is compared with the decoded segment; a segment that does not decode is compared as sent. */
    static String decodedOrRaw(String part) {
        try {
            return PathDecoding.decode(part, false);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /**
     * Orders templates that match one path most specific first, as Envoy's and grpc-gateway's matchers resolve them:
     * segment by segment from the left, a literal before {@code *} before {@code **}, a template that has ended before
     * one still going ({@code /v1} before {@code /v1/**}); then one with a verb before one without.
     */
    public static int bySpecificity(PathTemplate a, PathTemplate b) {
        int length = Math.max(a.segments.size(), b.segments.size());
        for (int i = 0; i < length; i++) {
            int ra = i < a.segments.size() ? a.segments.get(i).kind().ordinal() : -1;
            int rb = i < b.segments.size() ? b.segments.get(i).kind().ordinal() : -1;
            if (ra != rb) {
                return Integer.compare(ra, rb);
            }
        }
        return Boolean.compare(b.verb != null, a.verb != null);
    }

    @Override
    public String toString() {
        return text;
    }
}
