package dev.switchboard.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.switchboard.test.v1.AllKinds;

/** Every kind of field as proto3 JSON writes it ({@link AllKinds}), as JSON Schema. */
class MessageSchemasTest {

    private final MessageSchemas schemas = new MessageSchemas(false);
    private final JsonObject properties = properties(schemas);

    private static JsonObject properties(MessageSchemas schemas) {
        assertThat(schemas.message(AllKinds.getDescriptor()).toString())
                .isEqualTo("{\"$ref\":\"#/components/schemas/switchboard.test.v1.AllKinds\"}");
        return schemas.components().getAsJsonObject("switchboard.test.v1.AllKinds").getAsJsonObject("properties");
    }

    @Test
    void scalars() {
        assertThat(property("i32")).isEqualTo("{'type':'integer','format':'int32','default':0}");
        assertThat(property("s32")).isEqualTo("{'type':'integer','format':'int32','default':0}");
        assertThat(property("u32")).isEqualTo("{'type':'integer','format':'int64','minimum':0,'maximum':4294967295,'default':0}");
        assertThat(property("i64")).isEqualTo("{'type':'string','format':'int64','default':'0'}");
        assertThat(property("f64")).isEqualTo("{'type':'string','format':'uint64','default':'0'}");
        assertThat(property("fl")).isEqualTo("{'type':'number','format':'float','default':0}");
        assertThat(property("db")).isEqualTo("{'type':'number','format':'double','default':0}");
        assertThat(property("flag")).isEqualTo("{'type':'boolean','default':false}");
        assertThat(property("name")).isEqualTo("{'type':'string','default':''}");
        assertThat(property("data")).isEqualTo("{'type':'string','format':'byte','contentEncoding':'base64'}");
        assertThat(property("maybe")).as("proto3 optional: no default, absent is unset").isEqualTo("{'type':'integer','format':'int32'}");
    }

    @Test
    void enumsMessagesAndJsonNames() {
        assertThat(property("color")).isEqualTo("{'$ref':'#/components/schemas/switchboard.test.v1.Color','default':'COLOR_UNSPECIFIED'}");
        assertThat(schemas.components().get("switchboard.test.v1.Color").toString()).contains("\"enum\":[\"COLOR_UNSPECIFIED\",\"RED\",\"GREEN\"]");
        assertThat(property("nested")).isEqualTo("{'$ref':'#/components/schemas/switchboard.test.v1.Nested'}");
        assertThat(property("child")).as("recursive").isEqualTo("{'$ref':'#/components/schemas/switchboard.test.v1.AllKinds'}");
        assertThat(properties.has("customName")).as("json_name").isTrue();
        assertThat(properties.has("byId")).isTrue();
        assertThat(new MessageSchemas(true).name(AllKinds.getDescriptor().findFieldByName("by_id"))).isEqualTo("by_id");
    }

    @Test
    void repeatedAndMaps() {
        assertThat(property("numbers")).isEqualTo("{'type':'array','items':{'type':'integer','format':'int32'},'default':[]}");
        assertThat(property("colors")).isEqualTo("{'type':'array','items':{'$ref':'#/components/schemas/switchboard.test.v1.Color'},'default':[]}");
        assertThat(property("counts")).isEqualTo("{'type':'object','additionalProperties':{'type':'integer','format':'int32'},'default':{}}");
        assertThat(property("labels")).isEqualTo("{'type':'object','additionalProperties':{'type':'string'},"
                + "'propertyNames':{'pattern':'^-?[0-9]+$'},'default':{}}");
        assertThat(property("switches")).contains("'propertyNames':{'pattern':'^(true|false)$'}");
        assertThat(property("byId")).contains("'additionalProperties':{'$ref':'#/components/schemas/switchboard.test.v1.Nested'}");
        assertThat(property("settings")).contains("'additionalProperties':{'description':'Any JSON value'}");
    }

    @Test
    void wellKnownTypes() {
        assertThat(property("when")).contains("'type':'string','format':'date-time'");
        assertThat(property("took")).contains("'type':'string','pattern':'^-?[0-9]+(\\\\.[0-9]{1,9})?s$'");
        assertThat(property("mask")).startsWith("{'type':'string'");
        assertThat(property("attributes")).startsWith("{'type':'object'");
        assertThat(property("anything")).isEqualTo("{'description':'Any JSON value'}");
        assertThat(property("list")).startsWith("{'type':'array','items':{}");
        assertThat(property("any")).startsWith("{'type':'object','properties':{'@type':{'type':'string'");
        assertThat(property("empty")).isEqualTo("{'$ref':'#/components/schemas/google.protobuf.Empty'}");
        assertThat(property("nothing")).isEqualTo("{'const':null,'description':'JSON null (google.protobuf.NullValue)'}");
        assertThat(property("wI32")).isEqualTo("{'type':['integer','null'],'format':'int32'}");
        assertThat(property("wI64")).isEqualTo("{'type':['string','null'],'format':'int64'}");
        assertThat(property("wData")).isEqualTo("{'type':['string','null'],'format':'byte','contentEncoding':'base64'}");
        assertThat(property("wFlag")).isEqualTo("{'type':['boolean','null']}");
    }

    @Test
    void oneofsAreNamedInTheDescription() {
        assertThat(schemas.components().getAsJsonObject("switchboard.test.v1.AllKinds").get("description").getAsString())
                .isEqualTo("Message switchboard.test.v1.AllKinds. At most one of choiceText, choiceNumber, choiceNested (oneof choice)");
        assertThat(property("choiceText")).isEqualTo("{'type':'string'}");
    }

    @Test
    void queryParametersFlattenNestedMessagesAndSkipWhatAQueryCannotHold() {
        var parameters = new QueryParameterList(schemas, 100).of(AllKinds.getDescriptor());
        java.util.List<String> names = new java.util.ArrayList<>();
        parameters.forEach(p -> names.add(p.getAsJsonObject().get("name").getAsString()));
        assertThat(names).contains("i32", "numbers", "nested.label", "choiceNested.label", "when", "took", "mask", "wI32", "customName")
                .doesNotContain("counts", "children", "attributes", "anything", "any", "child", "empty");
        assertThat(parameters.get(names.indexOf("wI32")).toString()).contains("\"schema\":{\"type\":\"integer\"");
        assertThat(parameters.get(names.indexOf("numbers")).toString()).contains("\"explode\":true");
        assertThat(new QueryParameterList(schemas, 3).of(AllKinds.getDescriptor())).hasSize(3);
    }

    private String property(String name) {
        JsonObject property = properties.getAsJsonObject(name);
        assertThat(property).as(name).isNotNull();
        return property.toString().replace('"', '\'');
    }
}
