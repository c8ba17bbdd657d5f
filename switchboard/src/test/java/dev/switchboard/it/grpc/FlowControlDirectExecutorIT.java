package dev.switchboard.it.grpc;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.InteropTestService;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.FlowControlSuite;
import dev.switchboard.it.support.TestWars;

/** {@link FlowControlSuite} with service code on the container's threads ({@code direct}). */
class FlowControlDirectExecutorIT extends FlowControlSuite {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestWars.war("ROOT.war", InteropTestService.class)
                .addAsWebInfResource(TestWars.webXml(Switchboard.MAX_REQUEST_BYTES, String.valueOf(Clients.MAX_MESSAGE_BYTES),
                        Switchboard.GRPC_EXECUTOR, "direct"), "web.xml");
    }
}
