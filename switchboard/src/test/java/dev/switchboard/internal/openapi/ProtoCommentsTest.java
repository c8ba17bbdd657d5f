package dev.switchboard.internal.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.switchboard.example.inventory.Item;
import dev.switchboard.internal.gateway.codec.JsonOptions;
import io.grpc.MethodDescriptor.MethodType;

/**
 * The .proto files' comments, from the descriptor set the proto module's build writes with source info
 * (proto/pom.xml), as the OpenAPI document's descriptions: of services, methods, messages and fields.
 */
class ProtoCommentsTest {

    private static final ProtoComments COMMENTS = ProtoComments.load(ProtoCommentsTest.class.getClassLoader());

    @Test
    void commentsAreFoundByFullName() {
        assertThat(COMMENTS.of("Greeter.SayHelloStream")).isEqualTo("Streaming over gRPC: one reply per greeting, `count` of them (3 when unset).");
        assertThat(COMMENTS.of("inventory.v1.Inventory.MoveItem")).startsWith("A custom verb: moves an item to another warehouse");
        assertThat(COMMENTS.of("inventory.v1.Item.name")).isEqualTo("\"warehouses/berlin/items/widget\"");
        assertThat(COMMENTS.of("inventory.v1.Inventory.ListWarehouses")).as("no comment").isNull();
        assertThat(ProtoComments.none().of("Greeter.SayHelloStream")).isNull();
    }

    @Test
    void theDocumentCarriesThemAsDescriptions() {
        ApiRoute route = new ApiRoute("/inventory.v1.Inventory/MoveItem", "POST", "inventory.v1.Inventory/MoveItem", MethodType.UNARY,
                dev.switchboard.example.inventory.MoveItemRequest.getDescriptor(), Item.getDescriptor(), ApiRoute.RequestForm.BODY,
                ApiRoutes.CONNECT, "", null);
        JsonObject document = OpenApiDocument.of(List.of(route), OpenApiSettings.of(true, false, null, null, null, "", null),
                JsonOptions.defaults(), COMMENTS);
        String operation = document.getAsJsonObject("paths").getAsJsonObject("/inventory.v1.Inventory/MoveItem")
                .getAsJsonObject("post").get("description").getAsString();
        assertThat(operation).startsWith("A custom verb: moves an item to another warehouse");
        JsonObject item = document.getAsJsonObject("components").getAsJsonObject("schemas").getAsJsonObject("inventory.v1.Item");
        assertThat(item.getAsJsonObject("properties").getAsJsonObject("name").get("description").getAsString())
                .isEqualTo("\"warehouses/berlin/items/widget\"");
    }
}
