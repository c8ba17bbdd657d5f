package dev.switchboard.it.support;

import java.util.stream.Stream;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.testing.jetty.JettyEndpoints;

/**
 * grpc-java's interop client, TestServiceClient (io.grpc:grpc-interop-testing), at its own default settings (see
 * {@link InteropClient}), against its TestService deployed as a CDI bean, over h2c and over TLS: every case it has
 * but those that fail against grpc-java's own server too ({@link InteropCases#NOT_RUN}, with why).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class InteropSuite {

    @ArquillianResource
    JettyEndpoints endpoints;

    static Stream<Arguments> cases() {
        return Stream.of("h2c", "tls").flatMap(transport -> InteropCases.RUN.stream().map(c -> Arguments.of(transport, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void interopCase(String transport, String testCase) throws Exception {
        if (transport.equals("tls")) {
            InteropClient.runTls(endpoints.host(), endpoints.httpsPort(), endpoints.certificate(), testCase);
        } else {
            InteropClient.runH2c(endpoints.host(), endpoints.httpPort(), testCase);
        }
    }
}
