package dev.switchboard.internal.gateway.codec;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.TextFormat;

/**
 * The loop of the *PropertyTest classes and their common generators. Each property checks a bounded number of inputs
 * drawn from a {@link SplittableRandom} with a fixed seed, so every run checks the same inputs and a failure comes back
 * on the next run; {@code -Dswitchboard.properties.seed=N} draws other ones. There is no shrinking: a failure names
 * the seed, the case and the whole input, escaped to printable ASCII. The generators mix in, explicitly and each in
 * a fixed share of draws, the edge cases a uniform draw would almost never give: empty and full sizes, the ends of
 * ranges, 0 and -1 bytes, controls, JSON's escapes, non-ASCII, separators, BOM, emoji, lone surrogates.
 */
public final class RandomCases {

    public static final String SEED_PROPERTY = "switchboard.properties.seed";
    public static final long SEED = Long.getLong(SEED_PROPERTY, 20250617L);

    /** Characters that sit at the edges of text handling: controls, JSON's escapes, non-ASCII, separators, BOM, non-BMP. */
    private static final int[] EDGE_CHARS = "\u0000\t\n\r \"\\/\u001f\u007f\u0080\u00e9\u00a0\u0085\u2028\u2029\ufeff\uffff\ud83d\ude00"
            .codePoints().toArray();

    private RandomCases() {
    }

    /** A check of one generated input. */
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    /**
     * Checks {@code cases} inputs from {@code generator}; the first that fails ends the test with an AssertionError
     * naming the seed, the case number and the input.
     */
    public static <T> void check(int cases, Function<SplittableRandom, T> generator, Check<T> property) {
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int i = 1; i <= cases; i++) {
            // each case draws from its own stream, so changing how much one case draws does not change the others
            T input = generator.apply(seeds.split());
            try {
                property.check(input);
            } catch (Throwable e) {
                String failure = e instanceof AssertionError && e.getMessage() != null ? e.getMessage().strip() : e.toString();
                throw new AssertionError("case " + i + " of " + cases + ", seed " + SEED + " (-D" + SEED_PROPERTY + "=N to change it): "
                        + failure + "\n  input: " + describe(input), e);
            }
        }
    }

    /** The assertion message for a check over all the cases, e.g. a coverage count. */
    public static String seedNote(String what) {
        return what + " (seed " + SEED + ", -D" + SEED_PROPERTY + "=N to change it)";
    }

    public static boolean chance(SplittableRandom r, int percent) {
        return r.nextInt(100) < percent;
    }

    @SafeVarargs
    public static <T> T oneOf(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    public static <T> T oneOf(SplittableRandom r, List<T> choices) {
        return choices.get(r.nextInt(choices.size()));
    }

    /** A size from 0 to max: uniform, and one time in ten a boundary (0, max, 1, max - 1). */
    public static int size(SplittableRandom r, int max) {
        return between(r, 0, max);
    }

    /** An int from min to max inclusive; one time in ten a boundary (min, max, their neighbours, 0 if in range). */
    public static int between(SplittableRandom r, int min, int max) {
        return (int) between(r, (long) min, max);
    }

    public static long between(SplittableRandom r, long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return anyLong(r);
        }
        if (chance(r, 10)) {
            long edge = oneOf(r, min, max, min + 1, max - 1, 0L);
            if (edge >= min && edge <= max) {
                return edge;
            }
        }
        return max == Long.MAX_VALUE ? r.nextLong(min - 1, max) + 1 : r.nextLong(min, max + 1);
    }

    /** Any int, with 0, ±1 and the extremes one time in ten. */
    public static int anyInt(SplittableRandom r) {
        return between(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static long anyLong(SplittableRandom r) {
        return chance(r, 10) ? oneOf(r, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MAX_VALUE + 1) : r.nextLong();
    }

    /** Up to maxSize bytes, any values, with 0, -1, 0x7f and 0x80 mixed in; sometimes empty or maxSize long. */
    public static byte[] bytes(SplittableRandom r, int maxSize) {
        byte[] bytes = new byte[size(r, maxSize)];
        r.nextBytes(bytes);
        for (int i = 0; i < bytes.length; i++) {
            if (chance(r, 5)) {
                bytes[i] = oneOf(r, (byte) 0, (byte) -1, (byte) 0x7f, (byte) 0x80);
            }
        }
        return bytes;
    }

    public static <T> List<T> listOf(SplittableRandom r, int minSize, int maxSize, Function<SplittableRandom, T> element) {
        int n = between(r, minSize, maxSize);
        List<T> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(element.apply(r));
        }
        return list;
    }

    /** Up to maxLength code points, each one of the alphabet's. */
    public static String string(SplittableRandom r, int minLength, int maxLength, String alphabet) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int n = between(r, minLength, maxLength); n > 0; n--) {
            s.appendCodePoint(codePoints[r.nextInt(codePoints.length)]);
        }
        return s.toString();
    }

    /** Up to maxLength chars of any kind, lone surrogates included, with the edge characters mixed in. */
    public static String anyString(SplittableRandom r, int maxLength) {
        return text(r, 0, maxLength, true);
    }

    /** Up to maxLength chars that survive UTF-8 (no lone surrogates; pairs, e.g. emoji, are in the edge characters). */
    public static String utf8String(SplittableRandom r, int minLength, int maxLength) {
        return text(r, minLength, maxLength, false);
    }

    private static String text(SplittableRandom r, int minLength, int maxLength, boolean loneSurrogates) {
        StringBuilder s = new StringBuilder();
        int length = between(r, minLength, maxLength);
        while (s.length() < length) {
            int kind = r.nextInt(10);
            if (kind < 2) {
                s.appendCodePoint(EDGE_CHARS[r.nextInt(EDGE_CHARS.length)]);
            } else if (kind < 6) {
                s.append((char) r.nextInt(0x20, 0x7f)); // printable ASCII, the most of real text
            } else {
                char c = (char) r.nextInt(0x10000);
                s.append(!loneSurrogates && Character.isSurrogate(c) ? 'x' : c);
            }
        }
        return s.toString();
    }

    /** The input, escaped to printable ASCII: strings quoted with \\uXXXX escapes, bytes in hex, records by component. */
    public static String describe(Object input) {
        if (input == null) {
            return "null";
        }
        if (input instanceof CharSequence || input instanceof Character) {
            return '"' + escape(input.toString()) + '"';
        }
        if (input instanceof byte[] bytes) {
            StringBuilder s = new StringBuilder("bytes[" + bytes.length + "]{");
            for (int i = 0; i < bytes.length; i++) {
                s.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xff));
            }
            return s.append('}').toString();
        }
        if (input instanceof MessageOrBuilder message) {
            // TextFormat escapes strings and bytes itself (to ASCII, octal)
            return message.getDescriptorForType().getName() + "{" + TextFormat.printer().shortDebugString(message) + "}";
        }
        if (input.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(input); i++) {
                elements.add(Array.get(input, i));
            }
            return describe(elements);
        }
        if (input instanceof Collection<?> elements) {
            List<String> described = elements.stream().map(RandomCases::describe).toList();
            return "[" + String.join(", ", described) + "]";
        }
        if (input instanceof Map<?, ?> map) {
            List<String> described = map.entrySet().stream().map(e -> describe(e.getKey()) + "=" + describe(e.getValue())).toList();
            return "{" + String.join(", ", described) + "}";
        }
        if (input instanceof Record record) {
            List<String> described = new ArrayList<>();
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    described.add(component.getName() + "=" + describe(component.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    described.add(component.getName() + "=?");
                }
            }
            return record.getClass().getSimpleName() + "[" + String.join(", ", described) + "]";
        }
        return escapeNonAscii(input.toString()); // e.g. JSON, which has its quotes and backslashes already
    }

    /** \\uXXXX for everything outside printable ASCII. */
    public static String escapeNonAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** Java-style escapes, for a string shown in quotes. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(escapeNonAscii(String.valueOf(c)));
            }
        }
        return out.toString();
    }
}
