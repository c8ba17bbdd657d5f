package dev.switchboard.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.switchboard.Switchboard;

/** The interop suite with the default executor (grpc-java's pool). */
class InteropIT extends InteropSuite {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", InteropTestService.class)
                // very_large_request sends 10 MiB in one message
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES)), "web.xml");
    }
}
