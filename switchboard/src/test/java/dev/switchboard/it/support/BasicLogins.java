package dev.switchboard.it.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.switchboard.example.greeter.GreeterGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;

/**
 * BASIC logins against the container's users (alice: user and admin, bob: user, carol: guest; see SecurityIT): a
 * web.xml that lets only role {@code user} in, the Authorization header, a Greeter stub that sends it, and the gRPC
 * status a call ends with.
 */
public final class BasicLogins {

    /** Everything constrained to role {@code user}, BASIC login in realm {@code switchboard}. */
    public static final String USERS_ONLY_WEB_XML = """
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <security-constraint>
                <web-resource-collection><web-resource-name>everything</web-resource-name><url-pattern>/*</url-pattern></web-resource-collection>
                <auth-constraint><role-name>user</role-name></auth-constraint>
              </security-constraint>
              <login-config><auth-method>BASIC</auth-method><realm-name>switchboard</realm-name></login-config>
              <security-role><role-name>user</role-name></security-role>
              <security-role><role-name>admin</role-name></security-role>
            </web-app>
            """;

    private BasicLogins() {
    }

    /** The Authorization header's value. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A Greeter stub that logs in as {@code user}; without credentials when {@code user} is null. */
    public static GreeterGrpc.GreeterBlockingStub greeter(ManagedChannel channel, String user, String password) {
        GreeterGrpc.GreeterBlockingStub stub = GreeterGrpc.newBlockingStub(channel);
        if (user == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), basic(user, password));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** The status {@code call} ends with: OK, or its failure's. */
    public static Status grpcStatus(Runnable call) {
        try {
            call.run();
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }
}
