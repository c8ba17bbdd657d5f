package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.codec.JsonCodec;
import dev.switchboard.internal.gateway.codec.JsonOptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.google.protobuf.Message;

import dev.switchboard.test.v1.Book;
import dev.switchboard.test.v1.Filter;
import dev.switchboard.test.v1.Genre;
import dev.switchboard.test.v1.ListBooksResponse;
import dev.switchboard.test.v1.SearchRequest;

/** {@code response_body}: one field as the whole body, its default value written out since a body cannot be absent. */
class ResponseFieldCodecTest {

    private static final JsonCodec JSON = new JsonCodec(JsonOptions.defaults());

    private static String body(Message message, String field) throws Exception {
        return new String(new ResponseFieldCodec(JSON, message.getDescriptorForType().findFieldByName(field)).encode(message),
                StandardCharsets.UTF_8);
    }

    @Test
    void eachKindOfFieldAsItsJson() throws Exception {
        ListBooksResponse list = ListBooksResponse.newBuilder().addBooks(Book.newBuilder().setName("n")).setNextPageToken("t").build();
        assertThat(body(list, "books")).isEqualTo("[{\"name\":\"n\"}]");
        assertThat(body(list, "next_page_token")).isEqualTo("\"t\"");
        SearchRequest search = SearchRequest.newBuilder().setBig(5).setGenre(Genre.HISTORY).setAvailable(true)
                .setFilter(Filter.newBuilder().setAuthor("a")).build();
        assertThat(body(search, "big")).isEqualTo("\"5\"");
        assertThat(body(search, "genre")).isEqualTo("\"HISTORY\"");
        assertThat(body(search, "available")).isEqualTo("true");
        assertThat(body(search, "filter")).isEqualTo("{\"author\":\"a\"}");
    }

    @Test
    void defaultValuesAreWrittenOut() throws Exception {
        SearchRequest empty = SearchRequest.getDefaultInstance();
        assertThat(body(ListBooksResponse.getDefaultInstance(), "books")).isEqualTo("[]");
        assertThat(body(empty, "query")).isEqualTo("\"\"");
        assertThat(body(empty, "token")).isEqualTo("\"\"");
        assertThat(body(empty, "big")).isEqualTo("\"0\"");
        assertThat(body(empty, "page_size")).isEqualTo("0");
        assertThat(body(empty, "score")).isEqualTo("0");
        assertThat(body(empty, "available")).isEqualTo("false");
        assertThat(body(empty, "genre")).isEqualTo("\"GENRE_UNSPECIFIED\"");
        assertThat(body(empty, "filter")).isEqualTo("{}");
    }
}
