package dev.switchboard.it.grpc;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.InteropTestService;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.InteropSuite;
import dev.switchboard.it.support.TestWars;

/** The interop suite with the default executor (grpc-java's pool). */
class InteropIT extends InteropSuite {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", InteropTestService.class)
                // very_large_request sends 10 MiB in one message
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES)), "web.xml");
    }
}
