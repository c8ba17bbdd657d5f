package dev.switchboard.bench;

import dev.switchboard.example.inventory.GetItemRequest;
import dev.switchboard.example.inventory.InventoryGrpc;
import dev.switchboard.example.inventory.Item;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The example's inventory.proto, GetItem only, answering from the request alone: what the REST-from-the-proto rows
 * measure is the route (a google.api.http rule's path variables and query against Connect's JSON POST), not a store.
 */
@ApplicationScoped
public class InventoryBean extends InventoryGrpc.InventoryImplBase {

    @Override
    public void getItem(GetItemRequest request, StreamObserver<Item> response) {
        response.onNext(Item.newBuilder().setName(request.getName()).setSku(request.getSku()).setTitle("Widget").setQuantity(12).build());
        response.onCompleted();
    }
}
