package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.example.greeter.GreeterGrpc;
import dev.switchboard.example.greeter.HelloReply;
import dev.switchboard.example.greeter.HelloRequest;
import io.grpc.ManagedChannel;

/** The example's gRPC calls, as each standalone test makes them. */
final class ExampleCalls {

    private ExampleCalls() {
    }

    /** SayHello and a three-reply SayHelloStream over {@code channel}, which is shut down afterwards. */
    static void assertGreeterServes(ManagedChannel channel) throws InterruptedException {
        try {
            GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
            assertThat(stub.sayHello(HelloRequest.newBuilder().setName("World").build()).getMessage()).isEqualTo("Hello, World!");
            List<String> stream = new ArrayList<>();
            stub.sayHelloStream(HelloRequest.newBuilder().setName("Stream").setCount(3).build())
                    .forEachRemaining((HelloReply reply) -> stream.add(reply.getMessage()));
            assertThat(stream).containsExactly("Hello, Stream! (1/3)", "Hello, Stream! (2/3)", "Hello, Stream! (3/3)");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
