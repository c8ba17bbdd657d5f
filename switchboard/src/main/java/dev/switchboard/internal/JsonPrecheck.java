package dev.switchboard.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * One streaming pass over a JSON request before JsonFormat parses it, for what JsonFormat lets through: a name given
 * twice in one object (its tree keeps only the last), nesting deeper than allowed (it recurses), and content after
 * the first value.
 */
final class JsonPrecheck {

    private JsonPrecheck() {
    }

    static void check(Reader json, int maxDepth) throws IOException {
        JsonReader reader = new JsonReader(json);
        Deque<Set<String>> names = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        try {
            while (true) {
                JsonToken token = reader.peek();
                switch (token) {
                    case BEGIN_OBJECT, BEGIN_ARRAY -> {
                        if (names.size() >= maxDepth) {
                            throw new InvalidProtocolBufferException("JSON nesting is deeper than " + maxDepth + " levels");
                        }
                        if (token == JsonToken.BEGIN_OBJECT) {
                            reader.beginObject();
                            names.push(new HashSet<>());
                        } else {
                            reader.beginArray();
                            names.push(Set.of());
                        }
                    }
                    case END_OBJECT -> {
                        reader.endObject();
                        names.pop();
                    }
                    case END_ARRAY -> {
                        reader.endArray();
                        names.pop();
                    }
                    case NAME -> {
                        String name = reader.nextName();
                        if (!names.peek().add(name)) {
                            throw new InvalidProtocolBufferException("Field " + name + " is given twice (at " + reader.getPath() + ")");
                        }
                    }
                    case END_DOCUMENT -> {
                        return;
                    }
                    default -> reader.skipValue();
                }
                if (names.isEmpty() && reader.peek() != JsonToken.END_DOCUMENT) {
                    throw new InvalidProtocolBufferException("Content after the JSON value at " + reader.getPath());
                }
            }
        } catch (CharacterCodingException | InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException | IllegalStateException e) {
            throw new InvalidProtocolBufferException(malformed(e.getMessage()));
        }
    }

    /** Gson's message without its advice to the programmer: "Malformed JSON at line 1 column 15 path $". */
    private static String malformed(String message) {
        String text = String.valueOf(message);
        int at = text.indexOf(" at line ");
        if (at < 0) {
            return "Malformed JSON: " + text.lines().findFirst().orElse("");
        }
        String where = text.substring(at).lines().findFirst().orElse("");
        String what = text.substring(0, at);
        return what.startsWith("Use JsonReader.setStrictness") ? "Malformed JSON" + where : "Malformed JSON: " + what + where;
    }
}
