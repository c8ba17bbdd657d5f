package dev.switchboard.internal.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The document as YAML, for {@code openapi.yaml}: the same tree as the JSON form, written by SnakeYAML in block style.
 * SnakeYAML quotes every string that YAML would read as something else ({@code "true"}, {@code "1.0"}, {@code "null"},
 * {@code "on"}), so the two forms parse to equal trees; numbers stay numbers of the same value.
 */
final class YamlForm {

    private YamlForm() {
    }

    static String of(JsonObject document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setAllowUnicode(true);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(plain(document));
    }

    /** Gson's tree as maps (keeping the key order), lists, strings, booleans, numbers and nulls. */
    private static Object plain(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (element instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.entrySet().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
            return map;
        }
        if (element instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(plain(item)));
            return list;
        }
        JsonPrimitive primitive = element.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return number(primitive.getAsBigDecimal());
        }
        return primitive.getAsString();
    }

    /** Whole numbers as integers (SnakeYAML writes a BigDecimal's scale), others as doubles. */
    private static Object number(BigDecimal value) {
        try {
            return value.longValueExact();
        } catch (ArithmeticException notALong) {
            return value.doubleValue();
        }
    }
}
