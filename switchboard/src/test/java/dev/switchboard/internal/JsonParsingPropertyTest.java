package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import dev.switchboard.test.v1.AllKinds;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * JSON request parsing ({@link JsonCodec}: {@link JsonPrecheck}, strict or lenient, then JsonFormat) on untrusted
 * input: it gives a message or a parse error, never another exception; what proto3 JSON printers write, strict
 * parsing takes and gives the message back; the strict check only ever refuses, never changes a message; nesting past
 * the limit is always refused.
 */
class JsonParsingPropertyTest {

    private static final JsonCodec STRICT = new JsonCodec(Settings.JsonOptions.defaults());
    private static final JsonCodec LENIENT = new JsonCodec(new Settings.JsonOptions(64, 100, false, false, false, true));

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
            throw new AssertionError("undocumented exception for " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    @Provide
    Arbitrary<AllKinds> messages() {
        return ProtoArbitraries.allKinds(2);
    }

    @Property(tries = 300)
    void printedProto3JsonIsAcceptedAndGivesTheMessageBack(@ForAll("messages") AllKinds message, @ForAll boolean protoNames,
            @ForAll boolean defaults) throws IOException {
        JsonFormat.Printer printer = JsonFormat.printer();
        printer = protoNames ? printer.preservingProtoFieldNames() : printer;
        printer = defaults ? printer.includingDefaultValueFields() : printer;
        byte[] json = printer.print(message).getBytes(StandardCharsets.UTF_8);
        assertThat(parse(STRICT, json)).isEqualTo(message);
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

    /** JSON values made to sit near the edges of the proto3 JSON forms. */
    static Arbitrary<JsonElement> jsonValues(int depth) {
        Arbitrary<JsonElement> scalars = Arbitraries.oneOf(
                Arbitraries.just(JsonNull.INSTANCE),
                Arbitraries.of(true, false).map(JsonPrimitive::new),
                Arbitraries.of("0", "-0", "1", "1.0", "1.5", "1e2", "-1", "2147483648", "4294967295", "9223372036854775808",
                        "18446744073709551616", "1e39", "3.5e38", "1e309", "1E-400", "0.000001").map(n -> new JsonPrimitive(new java.math.BigDecimal(n))),
                Arbitraries.integers().map(JsonPrimitive::new),
                Arbitraries.of("", "x", "RED", "GREEN", "1", "-1", "1.5", "1e2", " 1", "NaN", "Infinity", "-Infinity", "true", "null",
                        "NULL_VALUE", "YWJj", "YWI", "YQ=", "-_8=", "a+_b", "1s", "-1.5s", "1970-01-01T00:00:00Z", "a,b.c", "0x10")
                        .map(JsonPrimitive::new),
                ProtoArbitraries.text().map(JsonPrimitive::new));
        if (depth <= 0) {
            return scalars;
        }
        Arbitrary<JsonElement> array = Arbitraries.lazy(() -> jsonValues(depth - 1)).list().ofMaxSize(3).map(list -> {
            JsonArray a = new JsonArray();
            list.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, scalars), net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(2, jsonObjects(depth - 1)));
    }

    static Arbitrary<JsonElement> jsonObjects(int depth) {
        return Arbitraries.maps(Arbitraries.of(NAMES), Arbitraries.lazy(() -> jsonValues(depth))).ofMaxSize(4).map(map -> {
            JsonObject o = new JsonObject();
            map.forEach(o::add);
            return o;
        });
    }

    @Property(tries = 1000)
    void strictParsingOnlyRefusesAndAgreesWithJsonFormat(@ForAll("requests") JsonElement request) throws IOException {
        byte[] json = request.toString().getBytes(StandardCharsets.UTF_8);
        Message lenient = parseOrNull(LENIENT, json);
        Message strict = parseOrNull(STRICT, json);
        if (strict != null) {
            // What the strict check lets through is what JsonFormat makes of it: it refuses, it never changes.
            assertThat(lenient).isEqualTo(strict);
        }
        String outcome = strict != null ? "both accept" : lenient != null ? "only lenient accepts" : "both refuse";
        Statistics.label("outcome").collect(outcome);
        // The inputs must exercise all three outcomes, or the property says little.
        Statistics.label("outcome").coverage(c -> {
            c.check("both accept").percentage(p -> p > 3);
            c.check("only lenient accepts").percentage(p -> p > 3);
            c.check("both refuse").percentage(p -> p > 3);
        });
    }

    @Provide
    Arbitrary<JsonElement> requests() {
        return Arbitraries.oneOf(jsonObjects(3), messages().flatMap(JsonParsingPropertyTest::withOneValueChanged));
    }

    /**
     * A valid message's JSON with one field's value changed, most often into a form JsonFormat takes and proto3 JSON
     * does not (or does: a number as a string is proto3 JSON for numeric fields), else into any JSON value.
     */
    private static Arbitrary<JsonElement> withOneValueChanged(AllKinds message) {
        JsonObject json;
        try {
            json = com.google.gson.JsonParser.parseString(JsonFormat.printer().print(message)).getAsJsonObject();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        if (json.isEmpty()) {
            return jsonObjects(2);
        }
        List<String> keys = new ArrayList<>(json.keySet());
        return net.jqwik.api.Combinators.combine(Arbitraries.of(keys), Arbitraries.integers().between(0, 5), jsonValues(1)).as((key, how, any) -> {
            JsonElement value = json.get(key);
            JsonElement changed = switch (how) {
                case 0 -> value.isJsonPrimitive() ? new JsonPrimitive(value.getAsString()) : any; // number or bool → string
                case 1 -> value.isJsonPrimitive() && JsonScalars.isJsonNumber(value.getAsString())
                        ? new JsonPrimitive(new java.math.BigDecimal(value.getAsString())) : any; // "1" → 1
                case 2 -> {
                    JsonArray array = new JsonArray();
                    array.add(value);
                    yield array; // x → [x]
                }
                case 3 -> value.isJsonArray() && !value.getAsJsonArray().isEmpty() ? value.getAsJsonArray().get(0) : any; // [x] → x
                default -> any;
            };
            JsonObject copy = json.deepCopy();
            copy.add(key, changed);
            return copy;
        });
    }

    @Property(tries = 1000)
    void anyTextIsAMessageOrAParseError(@ForAll("nearlyJson") String text, @ForAll boolean strict) {
        parseOrNull(strict ? STRICT : LENIENT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> nearlyJson() {
        // JSON made from the grammar's own characters, and valid requests with a character changed, dropped or added
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"i32\"", "\"name\"", "\"child\"", "\"anything\"",
                "1", "-", "e", ".", "0", "true", "null", "\\", "\\u", " ", "\"x\"").list().ofMaxSize(30).map(l -> String.join("", l));
        Arbitrary<String> mutated = net.jqwik.api.Combinators.combine(jsonObjects(3).map(JsonElement::toString), Arbitraries.integers().between(0, 1000),
                Arbitraries.chars().ascii(), Arbitraries.integers().between(0, 2)).as((json, at, c, how) -> {
                    int i = json.isEmpty() ? 0 : at % json.length();
                    return switch (how) {
                        case 0 -> json.substring(0, i) + c + json.substring(Math.min(json.length(), i + 1));
                        case 1 -> json.substring(0, i) + json.substring(Math.min(json.length(), i + 1));
                        default -> json.substring(0, i) + c + json.substring(i);
                    };
                });
        return Arbitraries.oneOf(tokens, mutated, Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 1000)
    void anyBytesAreAMessageOrAParseError(@ForAll byte[] body, @ForAll boolean strict) {
        parseOrNull(strict ? STRICT : LENIENT, body);
    }

    @Property(tries = 200)
    void nestingPastTheLimitIsAlwaysRefused(@ForAll @IntRange(min = 1, max = 80) int levels, @ForAll @IntRange(min = 2, max = 64) int maxDepth,
            @ForAll boolean strict, @ForAll boolean objects) {
        JsonCodec codec = new JsonCodec(new Settings.JsonOptions(maxDepth, 100, false, false, false, !strict));
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        // the request object, the Value field's containers: 1 + levels in all
        String json = "{\"anything\":" + open.repeat(levels - 1) + (objects ? "{}" : "[]") + close.repeat(levels - 1) + "}";
        if (1 + levels > maxDepth) {
            assertThatThrownBy(() -> codec.parse(json.getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance()))
                    .isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("deeper than " + maxDepth);
        } else {
            assertThat(parseOrNull(codec, json.getBytes(StandardCharsets.UTF_8))).isNotNull();
        }
    }
}
