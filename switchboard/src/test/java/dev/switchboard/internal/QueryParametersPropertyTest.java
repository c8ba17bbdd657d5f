package dev.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;

import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.Color;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.Nested;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** {@link QueryParameters}: a GET's parameters, as any client may send them, become a request message or a 400. */
class QueryParametersPropertyTest {

    private static final JsonCodec STRICT = new JsonCodec(Settings.JsonOptions.defaults());

    @Provide
    Arbitrary<Map<String, String[]>> parameters() {
        // Names that overlap (a field and its subfields, both spellings of one field), and any text; in any order, as
        // a container's parameter map keeps the client's order.
        Arbitrary<String> names = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("name", "i32", "flag", "color", "colors", "data", "numbers", "nested", "nested.label",
                        "child", "child.name", "child.child.flag", "when", "when.seconds", "took", "took.nanos", "mask", "wI32", "wI32.value",
                        "w_i32", "counts", "counts.a", "choiceText", "choice_text", "choice_number", "values", "nope", "nested.nope",
                        "numbers.x", ".", "", "child.")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("", "1", "-1", "true", "false", "1.5", "RED", "2", "NaN", "YWJj", "1s", "2024-01-02T03:04:05Z", "a,b", "x"),
                Arbitraries.strings().ofMaxLength(10));
        return Combinators.combine(names, values.array(String[].class).ofMinSize(1).ofMaxSize(3)).as(Map::entry).list().ofMaxSize(8)
                .map(entries -> {
                    Map<String, String[]> params = new LinkedHashMap<>();
                    entries.forEach(e -> params.putIfAbsent(e.getKey(), e.getValue()));
                    return params;
                });
    }

    @Property(tries = 1000)
    void anyParametersAreARequestOrA400(@ForAll("parameters") Map<String, String[]> params, @ForAll boolean ignoreUnknown) throws IOException {
        JsonObject json;
        try {
            json = QueryParameters.toJson(params, AllKinds.getDescriptor(), 100, ignoreUnknown);
        } catch (InvalidProtocolBufferException refused) {
            return;
        }
        try {
            STRICT.parse(json.toString().getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance());
        } catch (InvalidProtocolBufferException refused) {
            // a value that is not of its field's type
        }
    }

    @Property(tries = 500)
    void moreParametersThanAllowedAreAlwaysRefused(@ForAll("parameters") Map<String, String[]> params, @ForAll @IntRange(min = 0, max = 20) int max) {
        int count = params.values().stream().mapToInt(v -> v.length).sum();
        if (count > max) {
            assertThatThrownBy(() -> QueryParameters.toJson(params, AllKinds.getDescriptor(), max, true))
                    .isInstanceOf(QueryParameters.TooManyParametersException.class);
        } else {
            try {
                QueryParameters.toJson(params, AllKinds.getDescriptor(), max, true);
            } catch (QueryParameters.TooManyParametersException e) {
                throw new AssertionError(count + " parameters refused with a limit of " + max, e);
            } catch (InvalidProtocolBufferException otherwise) {
                // refused for what they say, not their number
            }
        }
    }

    @Provide
    Arbitrary<EchoRequest> requests() {
        Arbitrary<String> text = ProtoArbitraries.text();
        return Combinators.combine(text, Arbitraries.integers(), text.list().ofMaxSize(3), text, Arbitraries.longs(),
                Arbitraries.of(Color.RED, Color.GREEN), ProtoArbitraries.timestamp()).as((t, n, tags, label, big, color, when) ->
                EchoRequest.newBuilder().setText(t).setNumber(n).addAllTags(tags).setNested(Nested.newBuilder().setLabel(label))
                        .setBig(big).setColor(color).setWhen(when).build());
    }

    @Property(tries = 300)
    void aMessagesFieldsAsParametersGiveItBack(@ForAll("requests") EchoRequest request, @ForAll boolean protoNames,
            @ForAll boolean colorByNumber) throws IOException {
        Map<String, String[]> params = new LinkedHashMap<>();
        params.put("text", new String[] {request.getText()});
        params.put("number", new String[] {Integer.toString(request.getNumber())});
        if (request.getTagsCount() > 0) {
            params.put("tags", request.getTagsList().toArray(String[]::new));
        }
        params.put(protoNames ? "nested.label" : "nested.label", new String[] {request.getNested().getLabel()});
        params.put("big", new String[] {Long.toString(request.getBig())});
        params.put("color", new String[] {colorByNumber ? Integer.toString(request.getColorValue()) : request.getColor().name()});
        params.put("when", new String[] {Timestamps.toString(request.getWhen())});
        String json = QueryParameters.toJson(params, EchoRequest.getDescriptor(), 100, false).toString();
        assertThat(STRICT.parse(json.getBytes(StandardCharsets.UTF_8), EchoRequest.getDefaultInstance())).isEqualTo(request);
    }

    @Property
    void aConnectGetMessageIsItsBytesOrA400(@ForAll("connectMessages") String message, @ForAll boolean base64) {
        Map<String, String[]> params = new HashMap<>(Map.of("encoding", new String[] {"json"}, "message", new String[] {message}));
        if (base64) {
            params.put("base64", new String[] {"1"});
        }
        assertThat(QueryParameters.isConnectForm(params)).isTrue();
        try {
            byte[] bytes = QueryParameters.connectMessage(params);
            if (!base64) {
                assertThat(bytes).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
            }
        } catch (InvalidProtocolBufferException refused) {
            assertThat(base64).isTrue();
        }
    }

    @Provide
    Arbitrary<String> connectMessages() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(30);
        return Arbitraries.oneOf(bytes.map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b)),
                bytes.map(b -> Base64.getEncoder().encodeToString(b)), Arbitraries.strings().ofMaxLength(20));
    }

    @Property
    void base64ConnectMessagesRoundTripInEveryAlphabet(@ForAll byte[] message, @ForAll @IntRange(min = 0, max = 2) int alphabet) throws IOException {
        String encoded = switch (alphabet) {
            case 0 -> Base64.getUrlEncoder().withoutPadding().encodeToString(message);
            case 1 -> Base64.getUrlEncoder().encodeToString(message);
            default -> Base64.getEncoder().encodeToString(message);
        };
        Map<String, String[]> params = Map.of("encoding", new String[] {"proto"}, "message", new String[] {encoded}, "base64", new String[] {"1"});
        assertThat(QueryParameters.connectMessage(params)).isEqualTo(message);
    }
}
