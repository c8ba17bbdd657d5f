package dev.switchboard.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The YAML form reads back as the same tree, strings that YAML would take for something else included. */
class YamlFormTest {

    @Test
    void readsBackAsTheSameTree() {
        JsonObject document = JsonParser.parseString("""
                {"openapi": "3.1.0", "a": {"z": 1, "y": -2.5, "x": 9007199254740993, "w": true, "v": null},
                 "strings": ["true", "no", "on", "1", "1.0", "null", "~", "", " lead", "a: b", "#c", "- d", "multi\\nline",
                             "{\\"json\\": 1}", "ünï", "0x1F", "2026-12-05"],
                 "empty": {}, "none": [], "nested": [[{"k": "v"}]]}
                """).getAsJsonObject();
        String yaml = YamlForm.of(document);
        assertThat(yaml).startsWith("openapi: 3.1.0\na:\n  z: 1\n").contains("ünï");
        Object read = new Yaml().load(yaml);
        assertThat(new GsonBuilder().serializeNulls().create().toJsonTree(read)).isEqualTo(document);
    }
}
