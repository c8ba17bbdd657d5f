package dev.switchboard.example;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.google.protobuf.Empty;

import dev.switchboard.example.inventory.CreateItemRequest;
import dev.switchboard.example.inventory.DeleteItemRequest;
import dev.switchboard.example.inventory.GetItemRequest;
import dev.switchboard.example.inventory.InventoryGrpc;
import dev.switchboard.example.inventory.Item;
import dev.switchboard.example.inventory.ListItemsRequest;
import dev.switchboard.example.inventory.ListItemsResponse;
import dev.switchboard.example.inventory.ListWarehousesRequest;
import dev.switchboard.example.inventory.ListWarehousesResponse;
import dev.switchboard.example.inventory.MoveItemRequest;
import dev.switchboard.example.inventory.UpdateItemRequest;
import dev.switchboard.example.inventory.Warehouse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The example's REST-from-the-proto service (inventory.proto, every method with a {@code google.api.http} rule): two
 * warehouses and their items, in memory. An ordinary gRPC service: the HTTP rules are Switchboard's business.
 */
@ApplicationScoped
public class InventoryService extends InventoryGrpc.InventoryImplBase {

    /** A public example must not grow without bound. */
    private static final int MAX_ITEMS = 1000;
    private static final Pattern ITEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Warehouse> warehouses = new TreeMap<>();
    /** By name ("warehouses/berlin/items/widget"); guarded by this. */
    private final Map<String, Item> items = new TreeMap<>();

    public InventoryService() {
        for (String[] w : new String[][] {{"berlin", "Berlin"}, {"hamburg", "Hamburg"}}) {
            warehouses.put("warehouses/" + w[0], Warehouse.newBuilder().setName("warehouses/" + w[0]).setDisplayName(w[1]).build());
        }
        put(Item.newBuilder().setName("warehouses/berlin/items/widget").setSku("W-1").setTitle("Widget").setQuantity(12).build());
        put(Item.newBuilder().setName("warehouses/berlin/items/gadget").setSku("G-7").setTitle("Gadget").setQuantity(3).build());
    }

    @Override
    public void listWarehouses(ListWarehousesRequest request, StreamObserver<ListWarehousesResponse> response) {
        reply(response, ListWarehousesResponse.newBuilder().addAllWarehouses(warehouses.values()).build());
    }

    @Override
    public synchronized void getItem(GetItemRequest request, StreamObserver<Item> response) {
        Item item = request.getName().isEmpty()
                ? items.values().stream().filter(i -> i.getSku().equals(request.getSku())).findFirst().orElse(null)
                : items.get(request.getName());
        if (item == null) {
            fail(response, Status.NOT_FOUND, "No item " + (request.getName().isEmpty() ? "with SKU " + request.getSku() : request.getName()));
            return;
        }
        reply(response, item);
    }

    @Override
    public synchronized void listItems(ListItemsRequest request, StreamObserver<ListItemsResponse> response) {
        if (!warehouses.containsKey(request.getParent())) {
            fail(response, Status.NOT_FOUND, "No warehouse " + request.getParent());
            return;
        }
        ListItemsResponse.Builder list = ListItemsResponse.newBuilder();
        items.values().stream().filter(i -> inWarehouse(i, request.getParent()) && i.getQuantity() >= request.getMinQuantity())
                .forEach(list::addItems);
        reply(response, list.build());
    }

    @Override
    public synchronized void createItem(CreateItemRequest request, StreamObserver<Item> response) {
        if (!warehouses.containsKey(request.getParent())) {
            fail(response, Status.NOT_FOUND, "No warehouse " + request.getParent());
        } else if (!ITEM_ID.matcher(request.getItemId()).matches()) {
            fail(response, Status.INVALID_ARGUMENT, "item_id must be 1 to 63 lowercase letters, digits or '-'");
        } else if (items.containsKey(request.getParent() + "/items/" + request.getItemId())) {
            fail(response, Status.ALREADY_EXISTS, "Item " + request.getItemId() + " exists in " + request.getParent());
        } else if (items.size() >= MAX_ITEMS) {
            fail(response, Status.RESOURCE_EXHAUSTED, "The example keeps " + MAX_ITEMS + " items at most");
        } else {
            reply(response, put(request.getItem().toBuilder().setName(request.getParent() + "/items/" + request.getItemId()).build()));
        }
    }

    @Override
    public synchronized void updateItem(UpdateItemRequest request, StreamObserver<Item> response) {
        if (!items.containsKey(request.getItem().getName())) {
            fail(response, Status.NOT_FOUND, "No item " + request.getItem().getName());
            return;
        }
        reply(response, put(request.getItem()));
    }

    @Override
    public synchronized void deleteItem(DeleteItemRequest request, StreamObserver<Empty> response) {
        if (items.remove(request.getName()) == null) {
            fail(response, Status.NOT_FOUND, "No item " + request.getName());
            return;
        }
        reply(response, Empty.getDefaultInstance());
    }

    @Override
    public synchronized void moveItem(MoveItemRequest request, StreamObserver<Item> response) {
        Item item = items.get(request.getName());
        String moved = request.getDestination() + request.getName().substring(request.getName().indexOf("/items/"));
        if (item == null) {
            fail(response, Status.NOT_FOUND, "No item " + request.getName());
        } else if (!warehouses.containsKey(request.getDestination())) {
            fail(response, Status.INVALID_ARGUMENT, "No warehouse " + request.getDestination());
        } else if (items.containsKey(moved)) {
            fail(response, Status.ALREADY_EXISTS, "Item " + moved + " exists");
        } else {
            items.remove(request.getName());
            reply(response, put(item.toBuilder().setName(moved).build()));
        }
    }

    @Override
    public void streamItems(ListItemsRequest request, StreamObserver<Item> response) {
        Item[] snapshot;
        synchronized (this) {
            if (!warehouses.containsKey(request.getParent())) {
                fail(response, Status.NOT_FOUND, "No warehouse " + request.getParent());
                return;
            }
            snapshot = items.values().stream()
                    .filter(i -> inWarehouse(i, request.getParent()) && i.getQuantity() >= request.getMinQuantity())
                    .toArray(Item[]::new);
        }
        for (Item item : snapshot) {
            response.onNext(item);
        }
        response.onCompleted();
    }

    private Item put(Item item) {
        items.put(item.getName(), item);
        return item;
    }

    private static boolean inWarehouse(Item item, String warehouse) {
        return item.getName().startsWith(warehouse + "/items/");
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    private static void fail(StreamObserver<?> response, Status status, String description) {
        response.onError(status.withDescription(description).asRuntimeException());
    }
}
