package dev.switchboard.yardstick;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;

import io.grpc.BindableService;

/**
 * Serves one gRPC service (its class named by the first argument, with a no-argument constructor) with Armeria's
 * {@code google.api.http} transcoding on a free loopback port, prints {@code port N} when it listens, and stops when its
 * standard input ends — so that it never outlives the test that started it, however that test ends.
 */
public final class ArmeriaTranscodingServer {

    private ArmeriaTranscodingServer() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        BindableService service = (BindableService) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        Server server = Server.builder()
                .http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .service(GrpcService.builder().addService(service).enableHttpJsonTranscoding(true).build())
                .build();
        server.start().join();
        System.out.println("port " + server.activeLocalPort());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // nothing comes; the end of the stream is the signal
        }
        server.stop().join();
    }
}
