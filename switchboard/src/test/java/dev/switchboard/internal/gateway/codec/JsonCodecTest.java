package dev.switchboard.internal.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.switchboard.test.v1.Color;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec(JsonOptions.defaults());

    private EchoRequest parse(String json) throws IOException {
        return (EchoRequest) codec.parse(json.getBytes(StandardCharsets.UTF_8), EchoRequest.getDefaultInstance());
    }

    @Test
    void parsesLowerCamelAndOriginalNames() throws IOException {
        EchoRequest request = parse("{\"text\": \"hi\", \"number\": 7, \"tags\": [\"a\", \"b\"], \"big\": \"9007199254740993\","
                + " \"color\": \"GREEN\", \"nested\": {\"label\": \"x\"}}");
        assertThat(request.getText()).isEqualTo("hi");
        assertThat(request.getNumber()).isEqualTo(7);
        assertThat(request.getTagsList()).containsExactly("a", "b");
        assertThat(request.getBig()).isEqualTo(9007199254740993L);
        assertThat(request.getColor()).isEqualTo(Color.GREEN);
        assertThat(request.getNested().getLabel()).isEqualTo("x");
    }

    @Test
    void emptyBodyIsTheEmptyMessage() throws IOException {
        assertThat(parse("")).isEqualTo(EchoRequest.getDefaultInstance());
    }

    @Test
    void rejectsUnknownFieldsNamingThem() {
        assertThatThrownBy(() -> parse("{\"nme\": \"x\"}")).isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("nme");
    }

    @Test
    void rejectsWrongTypesNamingTheField() {
        assertThatThrownBy(() -> parse("{\"number\": \"abc\"}")).isInstanceOf(InvalidProtocolBufferException.class)
                .hasMessageContaining("abc");
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> parse("{\"text\": ")).isInstanceOf(InvalidProtocolBufferException.class);
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> codec.parse(body, EchoRequest.getDefaultInstance()))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void readsAndWritesUtf8BeyondAscii() throws IOException {
        String text = "Grüße, 你好, \uD83D\uDE00"; // Latin-1, CJK (3 bytes each) and a surrogate pair (4 bytes)
        assertThat(parse("{\"text\": \"" + text + "\"}").getText()).isEqualTo(text);
        byte[] out = codec.encode(EchoResponse.newBuilder().setText(text).build());
        assertThat(out).isEqualTo(("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void printsCompactProto3Json() throws IOException {
        byte[] out = codec.encode(EchoResponse.newBuilder().setText("hi").setBig(5).setColor(Color.RED).build());
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\",\"big\":\"5\",\"color\":\"RED\"}");
    }

    @Test
    void rejectsDeepNestingBeforeParsing() throws IOException {
        String deep = "{\"nested\":".repeat(70) + "{}" + "}".repeat(70);
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(InvalidProtocolBufferException.class).hasMessageContaining("64 levels");
        // brackets inside strings do not count
        assertThat(parse("{\"text\":\"" + "{[".repeat(100) + "\"}").getText()).startsWith("{[");
    }

    @Test
    void rejectsDuplicateFieldsOutOfRangeNumbersAndUnknownEnumsNamingTheField() {
        assertThatThrownBy(() -> parse("{\"text\":\"a\",\"text\":\"b\"}")).hasMessageContaining("text").hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("{\"text\":\"a\"} {}")).hasMessage("Malformed JSON at line 1 column 15 path $");
        assertThatThrownBy(() -> parse("{\"number\":4294967296}")).hasMessageContaining("4294967296");
        assertThatThrownBy(() -> parse("{\"color\":\"PURPLE\"}")).hasMessageContaining("PURPLE");
    }

    @Test
    void settingsChangeFieldNamesDefaultsAndUnknownFields() throws IOException {
        JsonCodec custom = new JsonCodec(new JsonOptions(64, 100, true, true, true, false));
        String out = new String(custom.encode(EchoResponse.newBuilder().setText("x").build()), StandardCharsets.UTF_8);
        assertThat(out).contains("\"number\":0").contains("\"tags\":[]");
        assertThat(((EchoRequest) custom.parse("{\"nme\":1,\"text\":\"t\"}".getBytes(StandardCharsets.UTF_8),
                EchoRequest.getDefaultInstance())).getText()).isEqualTo("t");
        byte[] counted = new JsonCodec(new JsonOptions(64, 100, false, true, false, false))
                .encode(dev.switchboard.test.v1.CountRequest.newBuilder().setUpTo(3).build());
        assertThat(new String(counted, StandardCharsets.UTF_8)).isEqualTo("{\"up_to\":3}");
    }
}
