package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.gateway.codec.RandomCases;

import static dev.switchboard.internal.gateway.codec.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import dev.switchboard.test.v1.AllKinds;

/**
 * {@link PathFields#set}: a path variable's value set directly where it can be gives what reading every value as the
 * field's JSON gave — the same message, or a 400 with the same description — strict or lenient.
 */
class PathFieldsPropertyTest {

    private static final List<String> FIELDS = List.of("i32", "i64", "u32", "u64", "s32", "sf64", "f32", "flag", "name", "data",
            "color", "maybe", "renamed", "choice_number", "choice_text", "db", "fl", "nothing", "nested.label", "child.i32",
            "child.child.color", "when", "w_i32", "w_name", "when.seconds", "w_i32.value");

    private static final List<String> VALUES = List.of("0", "1", "-1", "-0", "007", "+5", "1.0", "2147483648", "4294967295",
            "999999999999999999", "9223372036854775808", "true", "false", "RED", "2", "9", "YWJj", "", "x", "a/b", "\ud83d\ude00",
            "NULL_VALUE", "1.5", "2024-01-02T03:04:05Z", "1s");

    private record Case(String field, String value, boolean lenient, boolean ignoreUnknown) {
    }

    @Test
    void directlyOrThroughJsonTheFieldIsTheSame() {
        RandomCases.check(2000, r -> new Case(oneOf(r, FIELDS), r.nextInt(6) == 0 ? RandomCases.anyString(r, 6) : oneOf(r, VALUES),
                r.nextBoolean(), r.nextBoolean()), c -> {
            JsonCodec json = new JsonCodec(new JsonOptions(64, 100, c.ignoreUnknown(), false, false, c.lenient()));
            Object direct;
            try {
                Message.Builder builder = AllKinds.newBuilder();
                PathFields.set(builder, c.field(), c.value(), json);
                direct = builder.build();
            } catch (HttpError e) {
                direct = e.getMessage();
            }
            assertThat(direct).isEqualTo(throughJson(c, json));
        });
    }

    /** Every value as its field's JSON, parsed by JsonFormat, as PathFields did for all of them. */
    private static Object throughJson(Case c, JsonCodec json) {
        String[] names = c.field().split("\\.");
        Message.Builder root = AllKinds.newBuilder();
        Message.Builder builder = root;
        for (int i = 0; i < names.length - 1; i++) {
            builder = builder.getFieldBuilder(builder.getDescriptorForType().findFieldByName(names[i]));
        }
        FieldDescriptor field = builder.getDescriptorForType().findFieldByName(names[names.length - 1]);
        JsonObject one = new JsonObject();
        one.add(field.getName(), QueryParameters.typed(field, c.value()));
        try {
            Message parsed = json.parse(one.toString().getBytes(StandardCharsets.UTF_8), builder.getDefaultInstanceForType());
            builder.setField(field, parsed.getField(field));
            return root.build();
        } catch (IOException e) {
            try {
                PathFields.set(AllKinds.newBuilder(), c.field(), c.value(), json);
                return "accepted, but JSON refused it: " + e.getMessage();
            } catch (HttpError expected) {
                return expected.getMessage();
            }
        }
    }
}
