package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonOptions;
import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.RandomMessages;

import static dev.switchboard.internal.gateway.codec.RandomCases.between;
import static dev.switchboard.internal.gateway.codec.RandomCases.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.internal.gateway.codec.RandomCases;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.Timestamps;

import dev.switchboard.test.v1.AllKinds;
import dev.switchboard.test.v1.Color;
import dev.switchboard.test.v1.EchoRequest;
import dev.switchboard.test.v1.Nested;

/** {@link QueryParameters}: a GET's parameters, as any client may send them, become a request message or a 400. */
class QueryParametersPropertyTest {

    private static final JsonCodec STRICT = new JsonCodec(JsonOptions.defaults());

    /** Names that overlap (a field and its subfields, both spellings of one field), odd ones, and (1 in 7) any text. */
    private static final List<String> NAMES = List.of("name", "i32", "flag", "color", "colors", "data", "numbers", "nested", "nested.label",
            "child", "child.name", "child.child.flag", "when", "when.seconds", "took", "took.nanos", "mask", "wI32", "wI32.value",
            "w_i32", "counts", "counts.a", "choiceText", "choice_text", "choice_number", "values", "nope", "nested.nope",
            "numbers.x", ".", "", "child.");

    private static final List<String> VALUES = List.of("", "1", "-1", "true", "false", "1.5", "RED", "2", "NaN", "YWJj", "1s",
            "2024-01-02T03:04:05Z", "a,b", "x");

    /** Up to 8 names, each with 1 to 3 values, in any order (a container's parameter map keeps the client's). */
    static Map<String, String[]> parameters(SplittableRandom r) {
        Map<String, String[]> params = new LinkedHashMap<>();
        for (int n = RandomCases.size(r, 8); n > 0; n--) {
            String name = r.nextInt(7) < 6 ? oneOf(r, NAMES) : RandomCases.anyString(r, 8);
            String[] values = RandomCases.listOf(r, 1, 3, x -> x.nextBoolean() ? oneOf(x, VALUES) : RandomCases.anyString(x, 10))
                    .toArray(String[]::new);
            params.putIfAbsent(name, values);
        }
        return params;
    }

    record Parameters(Map<String, String[]> params, boolean ignoreUnknown) {
    }

    @Test
    void anyParametersAreARequestOrA400() {
        RandomCases.check(1000, r -> new Parameters(parameters(r), r.nextBoolean()), p -> {
            JsonObject json;
            try {
                json = QueryParameters.toJson(p.params(), AllKinds.getDescriptor(), 100, p.ignoreUnknown());
            } catch (InvalidProtocolBufferException refused) {
                return;
            }
            try {
                STRICT.parse(json.toString().getBytes(StandardCharsets.UTF_8), AllKinds.getDefaultInstance());
            } catch (InvalidProtocolBufferException refused) {
                // a value that is not of its field's type
            }
        });
    }

    record Limited(Map<String, String[]> params, int max) {
    }

    @Test
    void moreParametersThanAllowedAreAlwaysRefused() {
        RandomCases.check(1000, r -> new Limited(parameters(r), between(r, 0, 20)), p -> {
            int count = p.params().values().stream().mapToInt(v -> v.length).sum();
            if (count > p.max()) {
                assertThatThrownBy(() -> QueryParameters.toJson(p.params(), AllKinds.getDescriptor(), p.max(), true))
                        .isInstanceOf(QueryParameters.TooManyParametersException.class);
            } else {
                try {
                    QueryParameters.toJson(p.params(), AllKinds.getDescriptor(), p.max(), true);
                } catch (QueryParameters.TooManyParametersException e) {
                    throw new AssertionError(count + " parameters refused with a limit of " + p.max(), e);
                } catch (InvalidProtocolBufferException otherwise) {
                    // refused for what they say, not their number
                }
            }
        });
    }

    static EchoRequest request(SplittableRandom r) {
        return EchoRequest.newBuilder().setText(RandomMessages.text(r)).setNumber(RandomCases.anyInt(r))
                .addAllTags(RandomCases.listOf(r, 0, 3, RandomMessages::text)).setNested(Nested.newBuilder().setLabel(RandomMessages.text(r)))
                .setBig(RandomCases.anyLong(r)).setColor(oneOf(r, Color.RED, Color.GREEN)).setWhen(RandomMessages.timestamp(r)).build();
    }

    record Request(EchoRequest request, boolean colorByNumber) {
    }

    @Test
    void aMessagesFieldsAsParametersGiveItBack() {
        RandomCases.check(1000, r -> new Request(request(r), r.nextBoolean()), p -> {
            EchoRequest request = p.request();
            Map<String, String[]> params = new LinkedHashMap<>();
            params.put("text", new String[] {request.getText()});
            params.put("number", new String[] {Integer.toString(request.getNumber())});
            if (request.getTagsCount() > 0) {
                params.put("tags", request.getTagsList().toArray(String[]::new));
            }
            params.put("nested.label", new String[] {request.getNested().getLabel()});
            params.put("big", new String[] {Long.toString(request.getBig())});
            params.put("color", new String[] {p.colorByNumber() ? Integer.toString(request.getColorValue()) : request.getColor().name()});
            params.put("when", new String[] {Timestamps.toString(request.getWhen())});
            String json = QueryParameters.toJson(params, EchoRequest.getDescriptor(), 100, false).toString();
            assertThat(STRICT.parse(json.getBytes(StandardCharsets.UTF_8), EchoRequest.getDefaultInstance())).isEqualTo(request);
        });
    }

    /** Base64 of any bytes, in either alphabet, or any text. */
    static String connectMessage(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> Base64.getUrlEncoder().withoutPadding().encodeToString(RandomCases.bytes(r, 30));
            case 1 -> Base64.getEncoder().encodeToString(RandomCases.bytes(r, 30));
            default -> RandomCases.anyString(r, 20);
        };
    }

    record ConnectMessage(String message, boolean base64) {
    }

    @Test
    void aConnectGetMessageIsItsBytesOrA400() {
        RandomCases.check(1000, r -> new ConnectMessage(connectMessage(r), r.nextBoolean()), m -> {
            Map<String, String[]> params = new HashMap<>(Map.of("encoding", new String[] {"json"}, "message", new String[] {m.message()}));
            if (m.base64()) {
                params.put("base64", new String[] {"1"});
            }
            assertThat(QueryParameters.isConnectForm(params)).isTrue();
            try {
                byte[] bytes = QueryParameters.connectMessage(params);
                if (!m.base64()) {
                    assertThat(bytes).isEqualTo(m.message().getBytes(StandardCharsets.UTF_8));
                }
            } catch (InvalidProtocolBufferException refused) {
                assertThat(m.base64()).as("refused though not base64").isTrue();
            }
        });
    }

    record Encoded(byte[] message, int alphabet) {
        String encoded() {
            return switch (alphabet) {
                case 0 -> Base64.getUrlEncoder().withoutPadding().encodeToString(message);
                case 1 -> Base64.getUrlEncoder().encodeToString(message);
                default -> Base64.getEncoder().encodeToString(message);
            };
        }
    }

    @Test
    void base64ConnectMessagesRoundTripInEveryAlphabet() {
        RandomCases.check(1000, r -> new Encoded(RandomCases.bytes(r, 255), r.nextInt(3)), m -> {
            Map<String, String[]> params = Map.of("encoding", new String[] {"proto"}, "message", new String[] {m.encoded()},
                    "base64", new String[] {"1"});
            assertThat(QueryParameters.connectMessage(params)).isEqualTo(m.message());
        });
    }
}
