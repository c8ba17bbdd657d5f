package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.switchboard.test.v1.Color;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.EchoResponse;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    private EchoRequest parse(String json) throws IOException {
        return codec.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), EchoRequest.getDefaultInstance());
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
        assertThatThrownBy(() -> codec.parse(new ByteArrayInputStream(body), EchoRequest.getDefaultInstance()))
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void printsCompactProto3Json() throws IOException {
        StringBuilder out = new StringBuilder();
        codec.print(EchoResponse.newBuilder().setText("hi").setBig(5).setColor(Color.RED).build(), out);
        assertThat(out).hasToString("{\"text\":\"hi\",\"big\":\"5\",\"color\":\"RED\"}");
    }
}
