package dev.switchboard.internal.gateway.codec;

import java.math.BigDecimal;

import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * The proto3 JSON forms of scalar values, as Go's protojson reads them (the reference: grpc-gateway uses it, and
 * Connect and Envoy read the same forms): the text of a number or a quoted number, a base64 string, a map key. Each
 * test only says yes or no; {@link JsonPrecheck} words the error.
 */
final class JsonScalars {

    private static final BigDecimal UINT64_MAX = new BigDecimal("18446744073709551615");

    private JsonScalars() {
    }

    /** Strict JSON number grammar (RFC 8259): no {@code +}, no leading zeros, digits on both sides of the point. */
    static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || s.charAt(start) == '0' && i - start > 1) {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Whether a JSON number's text is an integer that the field's type holds: {@code 1.0} and {@code 1e2} are, as in
     * protojson, {@code 1.5} is not.
     */
    static boolean isInteger(String number, FieldDescriptor.Type type) {
        boolean plain = number.length() <= 18 && number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
        if (plain) {
            long value = Long.parseLong(number);
            return switch (type) {
                case INT32, SINT32, SFIXED32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
                case UINT32, FIXED32 -> value >= 0 && value <= 0xFFFF_FFFFL;
                case UINT64, FIXED64 -> value >= 0;
                default -> true;
            };
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            // An exponent beyond int's range: only a zero (0e99999999999) is an integer any of these types hold.
            return number.chars().takeWhile(c -> c != 'e' && c != 'E').allMatch(c -> c == '0' || c == '.' || c == '-');
        }
        if (value.signum() == 0) {
            return true;
        }
        // compareTo looks at the magnitude first, so 1e999999999 costs no more than 1e9.
        if (value.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return switch (type) {
            case INT32, SINT32, SFIXED32 -> within(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32, FIXED32 -> within(value, 0, 0xFFFF_FFFFL);
            case INT64, SINT64, SFIXED64 -> within(value, Long.MIN_VALUE, Long.MAX_VALUE);
            default -> value.signum() > 0 && value.compareTo(UINT64_MAX) <= 0;
        };
    }

    private static boolean within(BigDecimal value, long min, long max) {
        return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    /** A float or double: a finite number in the type's range (as a JSON number or a string), or the strings NaN, Infinity, -Infinity. */
    static boolean isFloatingPoint(String text, boolean quoted, FieldDescriptor.Type type) {
        if (quoted && (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"))) {
            return true;
        }
        if (quoted && !isJsonNumber(text)) {
            return false;
        }
        return type == FieldDescriptor.Type.FLOAT ? Float.isFinite(Float.parseFloat(text)) : Double.isFinite(Double.parseDouble(text));
    }

    /**
     * Base64, standard ({@code +/}) or URL-safe ({@code -_}) alphabet, with or without padding — as protojson decides:
     * URL-safe if the text has {@code -} or {@code _}; padding only when the length is a multiple of 4.
     */
    static boolean isBase64(String s) {
        boolean url = s.indexOf('-') >= 0 || s.indexOf('_') >= 0;
        int n = s.length();
        int data = n;
        if (n % 4 == 0) {
            if (n > 0 && s.charAt(n - 1) == '=') {
                data--;
                if (s.charAt(n - 2) == '=') {
                    data--;
                }
            }
        } else if (n % 4 == 1) {
            return false;
        }
        for (int i = 0; i < data; i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || isDigit(c)
                    || (url ? c == '-' || c == '_' : c == '+' || c == '/');
            if (!ok) {
                return false;
            }
        }
        // "YQ=" or "Y===" are malformed: with padding, the last group has 2 or 3 data characters.
        return data == n || data % 4 >= 2;
    }

    /**
     * A map key, which JSON always quotes, read as the key type: the key itself (so {@code "1"} and {@code "01"} are one
     * key, as in protojson), or null when the text is not of that type. Integers in decimal, as Go's strconv reads them
     * (a sign for signed types only); bools {@code true} or {@code false}.
     */
    static Object mapKey(String text, FieldDescriptor.Type type) {
        return switch (type) {
            case STRING -> text;
            case BOOL -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            case INT32, SINT32, SFIXED32 -> decimal(text, true, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32, FIXED32 -> decimal(text, false, 0, 0xFFFF_FFFFL);
            case INT64, SINT64, SFIXED64 -> decimal(text, true, Long.MIN_VALUE, Long.MAX_VALUE);
            default -> unsignedDecimal(text);
        };
    }

    private static Long decimal(String text, boolean signed, long min, long max) {
        if (text.isEmpty() || !signed && !isDigit(text.charAt(0)) || !digitsAfterSign(text)) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long unsignedDecimal(String text) {
        if (text.isEmpty() || !isDigit(text.charAt(0)) || !digitsAfterSign(text)) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Digits only, after an optional sign: Long.parseLong would also take non-ASCII digits. */
    private static boolean digitsAfterSign(String text) {
        int start = text.charAt(0) == '+' || text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
