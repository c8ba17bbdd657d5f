package dev.switchboard.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.switchboard.Switchboard;

/**
 * The interop suite with unary calls on Switchboard's own transport asked for explicitly
 * ({@code switchboard.grpc-transport=switchboard}): the default on Jetty already (InteropIT), so this shows it on the
 * other containers, where {@code auto} keeps grpc-servlet.
 */
class InteropSwitchboardTransportIT extends InteropSuite {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_TRANSPORT, "switchboard"), "web.xml");
    }
}
