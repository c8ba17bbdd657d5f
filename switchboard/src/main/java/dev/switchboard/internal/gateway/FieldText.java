package dev.switchboard.internal.gateway;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * A query parameter's or path variable's text as the value of a scalar field, read directly — without writing JSON for
 * JsonFormat to parse — where the text has the one plain form that JsonFormat and {@code JsonPrecheck} (strict or
 * lenient) both take, and read the same way: any string without surrogates, {@code true}/{@code false}, an integer
 * in canonical form within the type's range, an enum value's name or number. Anything else (bytes, floating point,
 * messages, other spellings, values out of range or unknown) is left to JsonFormat, which then reads it — or refuses
 * it — exactly as before, with its own error message.
 */
final class FieldText {

    private FieldText() {
    }

    /** The value of {@code field} (or one element, if repeated) that {@code text} stands for; null to go through JSON. */
    static Object value(FieldDescriptor field, String text) {
        return switch (field.getType()) {
            case STRING -> hasSurrogates(text) ? null : text;
            case BOOL -> text.equals("true") ? Boolean.TRUE : text.equals("false") ? Boolean.FALSE : null;
            case INT32, SINT32, SFIXED32 -> {
                Long value = canonicalInteger(text, true);
                yield value != null && value == value.intValue() ? Integer.valueOf(value.intValue()) : null;
            }
            case UINT32, FIXED32 -> {
                Long value = canonicalInteger(text, false);
                yield value != null && value <= 0xFFFF_FFFFL ? Integer.valueOf(value.intValue()) : null;
            }
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> canonicalInteger(text, field.getType() == FieldDescriptor.Type.INT64
                    || field.getType() == FieldDescriptor.Type.SINT64 || field.getType() == FieldDescriptor.Type.SFIXED64);
            case ENUM -> field.getEnumType().getFullName().equals("google.protobuf.NullValue") ? null : enumValue(field, text);
            default -> null;
        };
    }

    /**
     * {@code text} as a long when it is an integer in canonical JSON form ({@code 0}, {@code -12}: no sign but a
     * leading minus, no leading zeros) and fits: for unsigned types, a non-negative long (larger uint64 values go
     * through JSON).
     */
    private static Long canonicalInteger(String text, boolean signed) {
        int start = signed && text.startsWith("-") ? 1 : 0;
        int digits = text.length() - start;
        if (digits < 1 || digits > 18 || text.charAt(start) == '0' && (digits > 1 || start == 1)) {
            return null;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(text);
    }

    /** A known value by name, or by a canonical number (as {@link QueryParameters#typed} hands numbers to JsonFormat). */
    private static EnumValueDescriptor enumValue(FieldDescriptor field, String text) {
        EnumValueDescriptor byName = field.getEnumType().findValueByName(text);
        if (byName != null) {
            return byName;
        }
        Long number = canonicalInteger(text, true);
        return number != null && number == number.intValue() ? field.getEnumType().findValueByNumber(number.intValue()) : null;
    }

    private static boolean hasSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
