package dev.switchboard.internal.gateway.codec;


import static dev.switchboard.internal.gateway.codec.RandomCases.between;
import static dev.switchboard.internal.gateway.codec.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import dev.switchboard.test.v1.AllKinds;

/**
 * JSON request parsing ({@link JsonCodec}: {@link JsonPrecheck}, strict or lenient, then JsonFormat) on untrusted
 * input: it gives a message or a parse error, never another exception; what proto3 JSON printers write, strict
 * parsing takes and gives the message back; the strict check only ever refuses, never changes a message; nesting past
 * the limit is always refused.
 */
class JsonParsingPropertyTest {

    private static final JsonCodec STRICT = new JsonCodec(JsonOptions.defaults());
    private static final JsonCodec LENIENT = new JsonCodec(new JsonOptions(64, 100, false, false, false, true));

    private static Message parse(JsonCodec codec, byte[] json) throws IOException {
        return codec.parse(json, AllKinds.getDefaultInstance());
    }

    /** The message, or null when refused as documented (a parse error, or invalid UTF-8). */
    private static Message parseOrNull(JsonCodec codec, byte[] json) {
        try {
            return parse(codec, json);
        } catch (InvalidProtocolBufferException | CharacterCodingException refused) {
            return null;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new AssertionError("undocumented exception", e);
        }
    }

    record Printed(AllKinds message, boolean protoNames, boolean defaults) {
    }

    @Test
    void printedProto3JsonIsAcceptedAndGivesTheMessageBack() {
        RandomCases.check(500, r -> new Printed(RandomMessages.allKinds(r, 2), r.nextBoolean(), r.nextBoolean()), printed -> {
            JsonFormat.Printer printer = JsonFormat.printer();
            printer = printed.protoNames() ? printer.preservingProtoFieldNames() : printer;
            printer = printed.defaults() ? printer.includingDefaultValueFields() : printer;
            byte[] json = printer.print(printed.message()).getBytes(StandardCharsets.UTF_8);
            assertThat(parse(STRICT, json)).isEqualTo(printed.message());
        });
    }

    /** Field names of AllKinds (both spellings), some unknown names, and a few of Nested's. */
    private static final List<String> NAMES = names();

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (FieldDescriptor field : AllKinds.getDescriptor().getFields()) {
            names.add(field.getJsonName());
            names.add(field.getName());
        }
        names.addAll(List.of("label", "nope", "@type", "value", "seconds", "1", "true", "-1"));
        return names;
    }

    private static final List<String> NUMBERS = List.of("0", "-0", "1", "1.0", "1.5", "1e2", "-1", "2147483648", "4294967295",
            "9223372036854775808", "18446744073709551616", "1e39", "3.5e38", "1e309", "1E-400", "0.000001");

    private static final List<String> STRINGS = List.of("", "x", "RED", "GREEN", "1", "-1", "1.5", "1e2", " 1", "NaN", "Infinity",
            "-Infinity", "true", "null", "NULL_VALUE", "YWJj", "YWI", "YQ=", "-_8=", "a+_b", "1s", "-1.5s", "1970-01-01T00:00:00Z",
            "a,b.c", "0x10");

    /** JSON values made to sit near the edges of the proto3 JSON forms: scalars 4 times in 7, objects 2, arrays 1. */
    static JsonElement jsonValue(SplittableRandom r, int depth) {
        int kind = depth <= 0 ? 0 : r.nextInt(7);
        if (kind >= 5) {
            return jsonObject(r, depth - 1);
        }
        if (kind == 4) {
            JsonArray array = new JsonArray();
            RandomCases.listOf(r, 0, 3, x -> jsonValue(x, depth - 1)).forEach(array::add);
            return array;
        }
        return switch (r.nextInt(6)) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(r.nextBoolean());
            case 2 -> new JsonPrimitive(new BigDecimal(oneOf(r, NUMBERS)));
            case 3 -> new JsonPrimitive(RandomCases.anyInt(r));
            case 4 -> new JsonPrimitive(oneOf(r, STRINGS));
            default -> new JsonPrimitive(RandomMessages.text(r));
        };
    }

    /** An object of up to 4 of {@link #NAMES}, each with any JSON value. */
    static JsonObject jsonObject(SplittableRandom r, int depth) {
        JsonObject object = new JsonObject();
        for (int n = RandomCases.size(r, 4); n > 0; n--) {
            object.add(oneOf(r, NAMES), jsonValue(r, depth));
        }
        return object;
    }

    /** Requests: half any object of known names, half a valid message's JSON with one value changed. */
    static JsonElement request(SplittableRandom r) {
        return r.nextBoolean() ? jsonObject(r, 3) : withOneValueChanged(r, RandomMessages.allKinds(r, 2));
    }

    @Test
    void strictParsingOnlyRefusesAndAgreesWithJsonFormat() {
        int cases = 1000;
        Map<String, Integer> outcomes = new TreeMap<>();
        RandomCases.check(cases, JsonParsingPropertyTest::request, request -> {
            byte[] json = request.toString().getBytes(StandardCharsets.UTF_8);
            Message lenient = parseOrNull(LENIENT, json);
            Message strict = parseOrNull(STRICT, json);
            if (strict != null) {
                // What the strict check lets through is what JsonFormat makes of it: it refuses, it never changes.
                assertThat(lenient).isEqualTo(strict);
            }
            outcomes.merge(strict != null ? "both accept" : lenient != null ? "only lenient accepts" : "both refuse", 1, Integer::sum);
        });
        // The inputs must give all three outcomes, or the property says little.
        for (String outcome : List.of("both accept", "only lenient accepts", "both refuse")) {
            assertThat(outcomes.getOrDefault(outcome, 0)).as(RandomCases.seedNote("cases where " + outcome + ", of " + cases + ": " + outcomes))
                    .isGreaterThan(cases * 3 / 100);
        }
    }

    /**
     * A valid message's JSON with one field's value changed, most often into a form JsonFormat takes and proto3 JSON
     * does not (or does: a number as a string is proto3 JSON for numeric fields), else into any JSON value.
     */
    private static JsonElement withOneValueChanged(SplittableRandom r, AllKinds message) {
        JsonObject json;
        try {
            json = JsonParser.parseString(JsonFormat.printer().print(message)).getAsJsonObject();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        if (json.isEmpty()) {
            return jsonObject(r, 2);
        }
        String key = oneOf(r, new ArrayList<>(json.keySet()));
        JsonElement value = json.get(key);
        JsonElement any = jsonValue(r, 1);
        JsonElement changed = switch (r.nextInt(6)) {
            case 0 -> value.isJsonPrimitive() ? new JsonPrimitive(value.getAsString()) : any; // number or bool → string
            case 1 -> value.isJsonPrimitive() && JsonScalars.isJsonNumber(value.getAsString())
                    ? new JsonPrimitive(new BigDecimal(value.getAsString())) : any; // "1" → 1
            case 2 -> {
                JsonArray array = new JsonArray();
                array.add(value);
                yield array; // x → [x]
            }
            case 3 -> value.isJsonArray() && !value.getAsJsonArray().isEmpty() ? value.getAsJsonArray().get(0) : any; // [x] → x
            default -> any;
        };
        json.add(key, changed);
        return json;
    }

    private static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "\"i32\"", "\"name\"", "\"child\"",
            "\"anything\"", "1", "-", "e", ".", "0", "true", "null", "\\", "\\u", " ", "\"x\"");

    /** JSON made from the grammar's own tokens, valid requests with a character changed, dropped or added, and any text. */
    static String nearlyJson(SplittableRandom r) {
        switch (r.nextInt(3)) {
            case 0:
                return String.join("", RandomCases.listOf(r, 0, 30, x -> oneOf(x, TOKENS)));
            case 1:
                String json = jsonObject(r, 3).toString();
                int i = r.nextInt(json.length());
                char c = (char) r.nextInt(0x80);
                return switch (r.nextInt(3)) {
                    case 0 -> json.substring(0, i) + c + json.substring(i + 1);
                    case 1 -> json.substring(0, i) + json.substring(i + 1);
                    default -> json.substring(0, i) + c + json.substring(i);
                };
            default:
                return RandomCases.anyString(r, 40);
        }
    }

    record Text(String text, boolean strict) {
    }

    @Test
    void anyTextIsAMessageOrAParseError() {
        RandomCases.check(1000, r -> new Text(nearlyJson(r), r.nextBoolean()),
                text -> parseOrNull(text.strict() ? STRICT : LENIENT, text.text().getBytes(StandardCharsets.UTF_8)));
    }

    /** Any bytes (mostly invalid UTF-8), or a JSON request's UTF-8 with one byte changed or cut short (in a character, sometimes). */
    static byte[] nearlyUtf8Json(SplittableRandom r) {
        if (r.nextInt(3) == 0) {
            return RandomCases.bytes(r, 255);
        }
        byte[] json = request(r).toString().getBytes(StandardCharsets.UTF_8);
        int i = r.nextInt(json.length);
        if (r.nextBoolean()) {
            json[i] = (byte) (int) oneOf(r, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xff, r.nextInt(256));
            return json;
        }
        return java.util.Arrays.copyOf(json, i);
    }

    record Bytes(byte[] body, boolean strict) {
    }

    @Test
    void anyBytesAreAMessageOrAParseError() {
        RandomCases.check(1000, r -> new Bytes(nearlyUtf8Json(r), r.nextBoolean()),
                bytes -> parseOrNull(bytes.strict() ? STRICT : LENIENT, bytes.body()));
    }

    record Nesting(int levels, int maxDepth, boolean strict, boolean objects) {
        String json() {
            String open = objects ? "{\"a\":" : "[";
            String close = objects ? "}" : "]";
            // the request object, the Value field's containers: 1 + levels in all
            return "{\"anything\":" + open.repeat(levels - 1) + (objects ? "{}" : "[]") + close.repeat(levels - 1) + "}";
        }
    }

    @Test
    void nestingPastTheLimitIsAlwaysRefused() {
        RandomCases.check(500, r -> new Nesting(between(r, 1, 80), between(r, 2, 64), r.nextBoolean(), r.nextBoolean()), nesting -> {
            JsonCodec codec = new JsonCodec(new JsonOptions(nesting.maxDepth(), 100, false, false, false, !nesting.strict()));
            byte[] json = nesting.json().getBytes(StandardCharsets.UTF_8);
            if (1 + nesting.levels() > nesting.maxDepth()) {
                assertThatThrownBy(() -> codec.parse(json, AllKinds.getDefaultInstance()))
                        .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("deeper than " + nesting.maxDepth());
            } else {
                assertThat(parseOrNull(codec, json)).isNotNull();
            }
        });
    }
}
