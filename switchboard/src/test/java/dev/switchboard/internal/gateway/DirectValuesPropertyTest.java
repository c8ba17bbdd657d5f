package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.gateway.codec.RandomCases;

import static dev.switchboard.internal.gateway.codec.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.Color;

/**
 * {@link DirectValues}: query parameters set on the message directly give what writing them all as JSON for
 * JsonFormat gave — the same message, or the same error — for any parameters, strict or lenient, unknown fields
 * ignored or not, any depth limit; and the kinds it takes directly are taken (the fast path is not dead code).
 */
class DirectValuesPropertyTest {

    /** The fields of every scalar kind, at the top, nested, repeated, in a oneof, through a well-known type. */
    private static final List<String> NAMES = List.of("i32", "i64", "u32", "u64", "s32", "s64", "f32", "f64", "sf32", "sf64",
            "fl", "db", "flag", "name", "data", "color", "maybe", "renamed", "customName", "numbers", "names", "colors",
            "choice_number", "choiceText", "choice_text", "nothing", "nested.label", "child.i32", "child.name", "child.color",
            "child.child.u64", "child.child.child.flag", "child.numbers", "child.choice_number", "wI32.value", "w_name.value",
            "when.seconds", "took", "w_i64", "nope", "child.nope", "numbers.x");

    /** Each kind's plain form and its edges: ranges, signs, leading zeros, 18/19/20 digits, enum names and numbers, surrogates. */
    private static final List<String> VALUES = List.of("0", "1", "-1", "-0", "007", "+5", " 5", "1.0", "1e2", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "999999999999999999", "9223372036854775807",
            "9223372036854775808", "18446744073709551615", "-9223372036854775808", "true", "false", "True", "RED", "GREEN",
            "COLOR_UNSPECIFIED", "red", "2", "3", "YWJj", "", "x", "caf\u00e9", "\ud83d\ude00", "\ud800", "NULL_VALUE", "1.5", "NaN");

    private record Case(Map<String, String[]> params, JsonOptions options) {
    }

    private static Case anyCase(SplittableRandom r) {
        Map<String, String[]> params = r.nextInt(4) == 0 ? QueryParametersPropertyTest.parameters(r) : new LinkedHashMap<>();
        for (int n = RandomCases.size(r, 6); n > 0; n--) {
            String[] values = RandomCases.listOf(r, 1, 3, x -> x.nextInt(8) == 0 ? RandomCases.anyString(x, 6) : oneOf(x, VALUES))
                    .toArray(String[]::new);
            params.putIfAbsent(oneOf(r, NAMES), values);
        }
        JsonOptions options = new JsonOptions(oneOf(r, 2, 3, 64), 100, r.nextBoolean(), false, false, r.nextBoolean());
        return new Case(params, options);
    }

    @Test
    void directlyOrThroughJsonTheMessageIsTheSame() {
        int[] taken = new int[1];
        RandomCases.check(3000, DirectValuesPropertyTest::anyCase, c -> {
            JsonCodec codec = new JsonCodec(c.options());
            assertThat(direct(c, codec, taken)).isEqualTo(throughJson(c, codec));
        });
        assertThat(taken[0]).as(RandomCases.seedNote("cases set wholly without JSON")).isGreaterThan(300);
    }

    /** As before: every parameter into one JSON object, parsed by JsonFormat. */
    private static Object throughJson(Case c, JsonCodec codec) {
        try {
            String json = QueryParameters.toJson(c.params(), AllKinds.getDescriptor(), c.options().maxQueryParameters(),
                    c.options().ignoreUnknownFields()).toString();
            return codec.parse(json.getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** As RuleRequests does now. */
    private static Object direct(Case c, JsonCodec codec, int[] taken) {
        Message.Builder builder = AllKinds.newBuilder();
        try {
            String rest = DirectValues.setAll(builder, c.params(), c.options());
            if (rest == null) {
                taken[0]++;
            } else {
                builder.mergeFrom(codec.parse(rest.getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance()));
            }
            return builder.build();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void eachKindInItsPlainFormIsSetWithoutJson() throws IOException {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("i32", new String[] {"-2147483648"});
        params.put("i64", new String[] {"-999999999999999999"});
        params.put("u32", new String[] {"4294967295"});
        params.put("u64", new String[] {"999999999999999999"});
        params.put("s32", new String[] {"-7"});
        params.put("s64", new String[] {"-8"});
        params.put("f32", new String[] {"9"});
        params.put("f64", new String[] {"10"});
        params.put("sf32", new String[] {"-11"});
        params.put("sf64", new String[] {"-12"});
        params.put("flag", new String[] {"true"});
        params.put("name", new String[] {"caf\u00e9 & co"});
        params.put("color", new String[] {"GREEN"});
        params.put("colors", new String[] {"RED", "2", "0"});
        params.put("customName", new String[] {"by its json_name"});
        params.put("maybe", new String[] {"0"});
        params.put("numbers", new String[] {"1", "-2", "3"});
        params.put("child.child.name", new String[] {"deep"});
        Message.Builder builder = AllKinds.newBuilder();
        assertThat(DirectValues.setAll(builder, params, JsonOptions.defaults())).as("nothing left for JSON").isNull();
        AllKinds expected = AllKinds.newBuilder().setI32(Integer.MIN_VALUE).setI64(-999999999999999999L).setU32(-1)
                .setU64(999999999999999999L).setS32(-7).setS64(-8).setF32(9).setF64(10).setSf32(-11).setSf64(-12).setFlag(true)
                .setName("caf\u00e9 & co").setColor(Color.GREEN).addColors(Color.RED).addColors(Color.GREEN)
                .addColors(Color.COLOR_UNSPECIFIED).setRenamed("by its json_name").setMaybe(0).addNumbers(1).addNumbers(-2)
                .addNumbers(3).setChild(AllKinds.newBuilder().setChild(AllKinds.newBuilder().setName("deep"))).build();
        assertThat(builder.build()).isEqualTo(expected);
        assertThat(((AllKinds) builder.build()).hasMaybe()).as("an optional field set to 0 is present, as JsonFormat has it").isTrue();
    }

    @Test
    void otherKindsAndFormsAreLeftToJson() throws IOException {
        for (String[] param : List.of(new String[] {"when", "2024-01-02T03:04:05Z"}, new String[] {"wI32", "5"},
                new String[] {"db", "1.5"}, new String[] {"data", "YWJj"}, new String[] {"i32", "007"},
                new String[] {"u64", "18446744073709551615"}, new String[] {"color", "PURPLE"}, new String[] {"choice_number", "1"},
                new String[] {"when.seconds", "1"}, new String[] {"name", "\ud83d\ude00"})) {
            Map<String, String[]> params = Map.of(param[0], new String[] {param[1]});
            assertThat(DirectValues.setAll(AllKinds.newBuilder(), params, JsonOptions.defaults())).as(param[0] + "=" + param[1])
                    .isNotNull();
        }
    }
}
