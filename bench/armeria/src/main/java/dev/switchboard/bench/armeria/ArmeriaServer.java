package dev.switchboard.bench.armeria;

import java.net.InetSocketAddress;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.benchmarks.qps.AsyncServer;

/**
 * The JSON reference: Armeria serving the same grpc-benchmarks BenchmarkService over gRPC and, with unframed
 * requests enabled, as JSON ({@code POST /grpc.testing.BenchmarkService/UnaryCall}, {@code application/json}).
 * HTTP/1.1 and h2c on one port. Arguments: host port.
 */
public final class ArmeriaServer {

    private ArmeriaServer() {
    }

    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        GrpcService grpc = GrpcService.builder()
                .addService(new AsyncServer.BenchmarkServiceImpl())
                .enableUnframedRequests(true)
                .build();
        Server server = Server.builder()
                .http(new InetSocketAddress(host, port))
                .service(grpc)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop().join(), "armeria-shutdown"));
        server.start().join();
        System.out.println("Armeria listening on http://" + host + ":" + server.activeLocalPort() + " (HTTP/1.1 + h2c)");
    }
}
