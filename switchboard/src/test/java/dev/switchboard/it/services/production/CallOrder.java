package dev.switchboard.it.services.production;

import java.util.ArrayList;
import java.util.List;

import io.grpc.Context;

/** The interceptors a call passed, in order, carried in its Context so the service can report them. */
public final class CallOrder {

    static final Context.Key<List<String>> KEY = Context.keyWithDefault("call-order", List.of());

    private CallOrder() {
    }

    static Context with(String name) {
        List<String> order = new ArrayList<>(KEY.get());
        order.add(name);
        return Context.current().withValue(KEY, List.copyOf(order));
    }
}
