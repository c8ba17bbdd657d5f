package dev.switchboard.internal.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import dev.switchboard.test.v1.AllKinds;

/**
 * Strict proto3 JSON, field kind by field kind: which values are accepted and which rejected, with Go's protojson
 * (encoding/protojson/decode.go and well_known_types.go, which grpc-gateway uses) as the reference. A line is
 * {@code ok JSON}, {@code ok JSON == JSON as printed back}, or {@code bad JSON => part of the error message}.
 */
class StrictJsonTest {

    static final String TABLE = """
            # int32, sint32, sfixed32: a JSON number or a string holding one, integral, in range
            ok  {"i32":1}
            ok  {"i32":"-1"}                       == {"i32":-1}
            ok  {"i32":1.0}                        == {"i32":1}
            ok  {"i32":"1e2"}                      == {"i32":100}
            ok  {"i32":-0}
            ok  {"i32":2147483647}
            ok  {"i32":"-2147483648"}
            ok  {"i32":null}                       == {}
            ok  {"s32":-5,"sf32":"7"}
            bad {"i32":1.5}                        => Field i32 (int32) takes an integer (a JSON number or string) in int32's range, not 1.5
            bad {"i32":"1.5"}                      => not "1.5"
            bad {"i32":2147483648}                 => not 2147483648
            bad {"i32":1e999999999}                => not 1e999999999
            bad {"i32":true}                       => not true
            bad {"i32":""}                         => not ""
            bad {"i32":" 1"}                       => not " 1"
            bad {"i32":"0x10"}                     => not "0x10"
            bad {"i32":"01"}                       => not "01"
            bad {"i32":"+1"}                       => not "+1"
            bad {"i32":"NaN"}                      => not "NaN"
            bad {"i32":[1]}                        => not an array
            bad {"sf32":{}}                        => Field sf32 (sfixed32) takes an integer (a JSON number or string) in sfixed32's range, not an object
            # int64, sint64, sfixed64: the same, usually as strings
            ok  {"i64":"9223372036854775807"}
            ok  {"i64":-9223372036854775808}
            ok  {"s64":"-1","sf64":1e18}
            bad {"i64":"9223372036854775808"}      => Field i64 (int64) takes an integer (a JSON number or string) in int64's range, not "9223372036854775808"
            bad {"sf64":1.5}                       => Field sf64 (sfixed64)
            # uint32, fixed32, uint64, fixed64
            ok  {"u32":4294967295,"f32":"0"}
            ok  {"u32":"-0"}                       == {}
            ok  {"u64":"18446744073709551615","f64":18446744073709551615}
            bad {"u32":4294967296}                 => Field u32 (uint32)
            bad {"u32":-1}                         => not -1
            bad {"f64":"18446744073709551616"}     => Field f64 (fixed64)
            bad {"u64":-1}                         => Field u64 (uint64)
            # float, double: a number, a string holding one, or "NaN", "Infinity", "-Infinity"
            ok  {"fl":1.5,"db":"2.5"}
            ok  {"fl":"NaN","db":"-Infinity"}
            ok  {"fl":"Infinity"}
            ok  {"fl":3.4028234e38,"db":1e308}
            ok  {"db":1}
            bad {"fl":3.5e38}                      => Field fl (float) takes a number (a JSON number or string) in float's range, or "NaN", "Infinity" or "-Infinity", not 3.5e38
            bad {"db":1e309}                       => Field db (double)
            bad {"fl":"nan"}                       => not "nan"
            bad {"db":"inf"}                       => not "inf"
            bad {"db":" 1"}                        => not " 1"
            bad {"fl":true}                        => not true
            bad {"db":"0x1p3"}                     => not "0x1p3"
            # bool: true or false only
            ok  {"flag":true}
            ok  {"flag":false}
            ok  {"flag":null}
            bad {"flag":"true"}                    => Field flag (bool) takes true or false, not "true"
            bad {"flag":1}                         => not 1
            bad {"flag":"false"}                   => not "false"
            bad {"flag":[true]}                    => not an array
            # string: a JSON string only
            ok  {"name":"x"}
            ok  {"name":""}
            ok  {"name":"\\u00e9\\ud83d\\ude00"}
            ok  {"name":null}                      == {}
            bad {"name":42}                        => Field name (string) takes a JSON string, not 42
            bad {"name":true}                      => Field name (string) takes a JSON string, not true
            bad {"name":["a"]}                     => not an array
            bad {"name":{}}                        => not an object
            bad {"name":"a\u0001"}                 => Malformed JSON
            # bytes: base64, standard or URL-safe, padded or not
            ok  {"data":"YWJj"}                    == {"data":"YWJj"}
            ok  {"data":"YWI="}                    == {"data":"YWI="}
            ok  {"data":"YWI"}                     == {"data":"YWI="}
            ok  {"data":"-_8="}                    == {"data":"+/8="}
            ok  {"data":"_-8"}                     == {"data":"/+8="}
            ok  {"data":""}                        == {}
            bad {"data":42}                        => Field data (bytes) takes a base64 string (standard or URL-safe alphabet, padded or not), not 42
            bad {"data":"YQ="}                     => Field data (bytes) takes a base64 string (standard or URL-safe alphabet, padded or not), not "YQ="
            bad {"data":"a+_b"}                    => not "a+_b"
            bad {"data":"Y"}                       => not "Y"
            bad {"data":"YW J"}                    => not "YW J"
            # enum: a value's name, or a number (proto3 enums are open)
            ok  {"color":"RED"}                    == {"color":"RED"}
            ok  {"color":2}                        == {"color":"GREEN"}
            ok  {"color":99}                       == {"color":99}
            ok  {"color":1.0}                      == {"color":"RED"}
            ok  {"color":null}                     == {}
            bad {"color":"1"}                      => Field color (switchboard.test.v1.Color) takes one of its value names as a JSON string, or a number, not "1"
            bad {"color":"PURPLE"}                 => not "PURPLE"
            bad {"color":"red"}                    => not "red"
            bad {"color":true}                     => not true
            bad {"color":1.5}                      => not 1.5
            bad {"color":2147483648}               => not 2147483648
            # message: an object
            ok  {"nested":{"label":"x"}}
            ok  {"nested":{}}                      == {"nested":{}}
            ok  {"nested":null}                    == {}
            ok  {"child":{"child":{"name":"x"}}}
            bad {"nested":42}                      => Field nested (switchboard.test.v1.Nested) takes a JSON object, not 42
            bad {"nested":"x"}                     => not "x"
            bad {"nested":[{}]}                    => not an array
            bad {"child":{"child":{"name":1}}}     => Field child.child.name (string)
            # proto3 optional, json_name
            ok  {"maybe":0}                        == {"maybe":0}
            ok  {"customName":"x"}                 == {"customName":"x"}
            ok  {"renamed":"x"}                    == {"customName":"x"}
            bad {"maybe":"a"}                      => Field maybe (int32)
            bad {"customName":"x","renamed":"y"}   => Field renamed is given twice
            # repeated: an array of the element's forms; null is the empty list, a null element is an error
            ok  {"numbers":[1,"2",3.0]}            == {"numbers":[1,2,3]}
            ok  {"numbers":[]}                     == {}
            ok  {"numbers":null}                   == {}
            ok  {"children":[{},{"label":"a"}]}
            ok  {"colors":["RED",2]}
            ok  {"values":[null,1,"a",{},[]]}
            bad {"numbers":1}                      => Field numbers (repeated int32) takes a JSON array, not 1
            bad {"numbers":"1"}                    => not "1"
            bad {"numbers":{}}                     => not an object
            bad {"numbers":[1,null]}               => Field numbers[1] (int32) takes an integer (a JSON number or string) in int32's range, not null
            bad {"names":["a",1]}                  => Field names[1] (string) takes a JSON string, not 1
            bad {"children":[null]}                => Field children[0] (switchboard.test.v1.Nested) takes a JSON object, not null
            bad {"colors":["1"]}                   => Field colors[0]
            bad {"values":null}                    => Field values (repeated google.protobuf.Value) takes a JSON array, not null
            # map: an object; keys are strings holding the key type; null values are errors (but for Value)
            ok  {"counts":{"a":1,"b":"2"}}
            ok  {"counts":{}}                      == {}
            ok  {"counts":null}                    == {}
            ok  {"labels":{"1":"a","-2":"b","+3":"c"}}
            ok  {"switches":{"true":"a","false":"b"}}
            ok  {"byId":{"9223372036854775807":{}}}
            ok  {"palette":{"1":"RED","4294967295":2}}
            ok  {"settings":{"a":null,"b":[1,{"c":true}]}}
            bad {"counts":[]}                      => Field counts (map<string, int32>) takes a JSON object, not an array
            bad {"counts":{"a":null}}              => Field counts.a (int32) takes an integer
            bad {"counts":{"a":true}}              => not true
            bad {"labels":{"x":"a"}}               => Field labels.x: the map's keys are int32, and "x" is not one
            bad {"labels":{"1.0":"a"}}             => and "1.0" is not one
            bad {"labels":{"2147483648":"a"}}      => and "2147483648" is not one
            bad {"labels":{"1":"a","01":"b"}}      => Field labels.01: the map key "01" is given twice
            bad {"labels":{"1":2}}                 => Field labels.1 (string) takes a JSON string, not 2
            bad {"switches":{"True":"a"}}          => the map's keys are bool ("true" or "false"), and "True" is not one
            bad {"switches":{"1":"a"}}             => and "1" is not one
            bad {"byId":{"1":null}}                => Field byId.1 (switchboard.test.v1.Nested) takes a JSON object, not null
            bad {"palette":{"-1":"RED"}}           => the map's keys are uint32, and "-1" is not one
            bad {"palette":{"+1":"RED"}}           => and "+1" is not one
            bad {"palette":{"1":"1"}}              => Field palette.1 (switchboard.test.v1.Color)
            # oneof: at most one member set (null does not set it)
            ok  {"choiceText":"a"}
            ok  {"choiceText":"a","choiceNumber":null}
            ok  {"choiceText":null,"choiceNumber":1}   == {"choiceNumber":1}
            ok  {"choiceNested":{}}                == {"choiceNested":{}}
            bad {"choiceText":"a","choiceNumber":1}    => Field choiceNumber: choiceText is set already, and both are of oneof choice; set at most one
            bad {"choice_text":"a","choiceNested":{}}  => choice_text is set already
            # Timestamp, Duration, FieldMask: strings
            ok  {"when":"1970-01-01T00:00:00Z"}
            ok  {"when":"2024-02-29T12:00:00.500+01:00"}   == {"when":"2024-02-29T11:00:00.500Z"}
            ok  {"took":"1.5s","mask":"name,nested.label"}
            ok  {"took":"-0.5s"}
            ok  {"mask":""}                        == {"mask":""}
            bad {"when":42}                        => Field when (google.protobuf.Timestamp) takes an RFC 3339 timestamp string, not 42
            bad {"when":{"seconds":1}}             => not an object
            bad {"when":"yesterday"}               => Failed to parse timestamp
            bad {"took":1}                         => Field took (google.protobuf.Duration) takes a duration string such as "1.5s", not 1
            bad {"took":"1"}                       => Failed to parse duration
            bad {"mask":42}                        => Field mask (google.protobuf.FieldMask) takes a string of comma-separated field paths, not 42
            bad {"mask":["a"]}                     => not an array
            # Struct, Value, ListValue: any JSON of their kind
            ok  {"attributes":{"a":1,"b":[null,{"c":"d"}]}}
            ok  {"attributes":{}}
            ok  {"anything":null}                  == {"anything":null}
            ok  {"anything":[1,"a",true,{"b":null}]}
            ok  {"anything":"x"}
            ok  {"list":[1,"a",null]}
            bad {"attributes":[]}                  => Field attributes (google.protobuf.Struct) takes a JSON object, not an array
            bad {"attributes":"x"}                 => not "x"
            bad {"list":{}}                        => Field list (google.protobuf.ListValue) takes a JSON array, not an object
            bad {"attributes":{"a":1,"a":2}}       => Field a is given twice
            # Any (an object; JsonFormat resolves @type, and no types are registered), Empty, NullValue
            ok  {"any":{}}
            ok  {"empty":{}}                       == {"empty":{}}
            ok  {"empty":null}                     == {}
            ok  {"nothing":null}
            ok  {"nothing":"NULL_VALUE"}
            ok  {"nothing":0}
            bad {"any":1}                          => Field any (google.protobuf.Any) takes a JSON object, not 1
            bad {"empty":1}                        => Field empty (google.protobuf.Empty) takes a JSON object, not 1
            bad {"empty":{"a":1}}                  => Cannot find field: a
            bad {"nothing":"null"}                 => Field nothing (google.protobuf.NullValue)
            # wrappers: the wrapped type's form
            ok  {"wI32":"1","wI64":2,"wU32":3,"wU64":"18446744073709551615"}
            ok  {"wFl":"NaN","wDb":1e308,"wFlag":false,"wName":"","wData":"YQ=="}
            ok  {"wI32":null}                      == {}
            ok  {"wI32":0}                         == {"wI32":0}
            bad {"wName":1}                        => Field wName (google.protobuf.StringValue) takes a JSON string, not 1
            bad {"wFlag":"true"}                   => Field wFlag (google.protobuf.BoolValue) takes true or false, not "true"
            bad {"wU32":-1}                        => Field wU32 (google.protobuf.UInt32Value)
            bad {"wData":1}                        => Field wData (google.protobuf.BytesValue)
            bad {"wI32":{"value":1}}               => not an object
            # the request itself, and the JSON
            ok  {}
            ok  {"w_i32":1,"by_id":{},"choice_number":2}
            bad 42                                 => The request (switchboard.test.v1.AllKinds) takes a JSON object, not 42
            bad null                               => The request (switchboard.test.v1.AllKinds) takes a JSON object, not null
            bad ["a"]                              => not an array
            bad {"flag":True}                      => Malformed JSON
            bad {"i32":NaN}                        => Malformed JSON
            bad {"i32":1,}                         => Malformed JSON
            bad {'name':'x'}                       => Malformed JSON
            bad {"name":"a","name":"b"}            => Field name is given twice
            bad {"name":"a"} {}                    => Malformed JSON
            bad {"nme":"x"}                        => Cannot find field: nme
            """;

    private final JsonCodec strict = new JsonCodec(JsonOptions.defaults());
    private final JsonCodec lenient = new JsonCodec(new JsonOptions(64, 100, false, false, false, true));

    record Case(boolean ok, String json, String expected) {
        @Override
        public String toString() {
            return (ok ? "ok  " : "bad ") + json;
        }
    }

    static Stream<Case> cases() {
        return TABLE.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).map(line -> {
            boolean ok = line.startsWith("ok ");
            if (!ok && !line.startsWith("bad ")) {
                throw new IllegalArgumentException("Not a case: " + line);
            }
            String rest = line.substring(ok ? 3 : 4).strip();
            int sep = rest.indexOf(ok ? " == " : " => ");
            return sep < 0 ? new Case(ok, rest, null) : new Case(ok, rest.substring(0, sep).strip(), rest.substring(sep + 4).strip());
        });
    }

    private static Message parse(JsonCodec codec, String json) throws IOException {
        return codec.parse(json.getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void strictProto3Json(Case c) throws IOException {
        if (c.ok()) {
            Message parsed = parse(strict, c.json());
            // The check only lets through or stops: what it lets through is what JsonFormat alone makes of it.
            AllKinds.Builder alone = AllKinds.newBuilder();
            JsonFormat.parser().merge(c.json(), alone);
            assertThat(parsed).isEqualTo(alone.build());
            if (c.expected() != null) {
                assertThat(JsonFormat.printer().omittingInsignificantWhitespace().print(parsed)).isEqualTo(c.expected());
            }
        } else {
            assertThatThrownBy(() -> parse(strict, c.json())).isInstanceOf(InvalidProtocolBufferException.class)
                    .hasMessageContaining(c.expected());
        }
    }

    @Test
    void tableCoversEveryFieldOfTheTestMessage() {
        String all = TABLE.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        for (var field : AllKinds.getDescriptor().getFields()) {
            if (!all.contains("\"" + field.getJsonName().toLowerCase(java.util.Locale.ROOT) + "\"")) {
                fail("No case for field " + field.getName());
            }
        }
    }

    @Test
    void lenientSettingKeepsJsonFormatsOwnForms() throws IOException {
        assertThat(((AllKinds) parse(lenient, "{\"name\":42}")).getName()).isEqualTo("42");
        assertThat(((AllKinds) parse(lenient, "{\"name\":true,\"flag\":\"true\",\"color\":\"1\",\"data\":42}")).getFlag()).isTrue();
        assertThat(((AllKinds) parse(lenient, "{\"name\":[\"a\"]}")).getName()).isEqualTo("a");
        // and still the checks that were always made
        assertThatThrownBy(() -> parse(lenient, "{\"name\":\"a\",\"name\":\"b\"}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse(lenient, "{\"child\":".repeat(70) + "{}" + "}".repeat(70))).hasMessageContaining("64 levels");
    }

    @Test
    void depthLimitCountsEveryKindOfNesting() throws IOException {
        JsonCodec shallow = new JsonCodec(new JsonOptions(3, 100, false, false, false, false));
        assertThat(parse(shallow, "{\"child\":{\"nested\":{}}}")).isNotNull();
        assertThatThrownBy(() -> parse(shallow, "{\"child\":{\"child\":{\"nested\":{}}}}")).hasMessageContaining("3 levels");
        assertThatThrownBy(() -> parse(shallow, "{\"anything\":[[[]]]}")).hasMessageContaining("3 levels");
        assertThat(parse(shallow, "{\"children\":[{\"label\":\"x\"}],\"child\":{\"numbers\":[1]}}")).isNotNull();
        assertThatThrownBy(() -> parse(shallow, "{\"child\":{\"children\":[{}]}}")).hasMessageContaining("3 levels");
        assertThatThrownBy(() -> parse(shallow, "{\"child\":{\"byId\":{\"1\":{}}}}")).hasMessageContaining("3 levels");
    }

    @Test
    void unknownEnumNamesPassWhenUnknownFieldsAreIgnored() throws IOException {
        JsonCodec ignoring = new JsonCodec(new JsonOptions(64, 100, true, false, false, false));
        assertThat(((AllKinds) parse(ignoring, "{\"color\":\"PURPLE\",\"nme\":1}")).getColorValue()).isZero();
        assertThatThrownBy(() -> parse(ignoring, "{\"color\":true}")).hasMessageContaining("Field color");
    }
}
