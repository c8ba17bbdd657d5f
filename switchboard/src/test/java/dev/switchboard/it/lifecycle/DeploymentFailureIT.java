package dev.switchboard.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import dev.switchboard.Switchboard;
import dev.switchboard.it.services.AllServicesGateway;
import dev.switchboard.it.services.ConflictingLibraryServiceImpl;
import dev.switchboard.it.services.DuplicateOtherService;
import dev.switchboard.it.services.GatewayNamingANonBean;
import dev.switchboard.it.services.LibraryServiceImpl;
import dev.switchboard.it.services.OtherServiceImpl;
import dev.switchboard.it.services.SessionScopedService;
import dev.switchboard.it.support.Clients;
import dev.switchboard.it.support.OnEmbeddedJetty;
import dev.switchboard.it.support.Servers;
import dev.switchboard.it.support.TestWars;
import dev.switchboard.testing.jetty.EmbeddedJetty;

/** Deployments Switchboard cannot serve fail at deployment, with a message that names the classes and the fix. */
class DeploymentFailureIT extends OnEmbeddedJetty {

    private static String failureOf(Class<?>... classes) {
        return failureOf(TestWars.war("broken.war", classes));
    }

    private static String failureOf(WebArchive broken) {
        Path war = Servers.export(broken, dir);
        Throwable thrown = null;
        try {
            jetty.undeploy(jetty.deploy(war, "/broken"));
        } catch (Throwable e) {
            thrown = e;
        }
        assertThat(thrown).as("deployment of " + broken.toString(true) + " must fail").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }

    @Test
    void twoBeansForOneServiceNameBothClassesAndTheFix() {
        assertThat(failureOf(OtherServiceImpl.class, DuplicateOtherService.class))
                .contains("switchboard.test.v1.OtherService")
                .contains(OtherServiceImpl.class.getName())
                .contains(DuplicateOtherService.class.getName())
                .contains("remove one of the beans");
    }

    @Test
    void aServiceInAnUnsupportedScopeSaysWhichScopesWork() {
        assertThat(failureOf(SessionScopedService.class))
                .contains(SessionScopedService.class.getName())
                .contains("@SessionScoped")
                .contains("@ApplicationScoped, @Singleton or @Dependent, or @RequestScoped (one instance per call)");
    }

    @Test
    void aGatewayNamingAClassThatIsNoBean() {
        assertThat(failureOf(OtherServiceImpl.class, GatewayNamingANonBean.class))
                .contains(DuplicateOtherService.class.getName())
                .contains("not a gRPC service bean");
    }

    @Test
    void twoIdenticalHttpRulesNameBothMethods() {
        assertThat(failureOf(LibraryServiceImpl.class, ConflictingLibraryServiceImpl.class, AllServicesGateway.class))
                .contains("switchboard.test.v1.LibraryService/GetBook")
                .contains("switchboard.test.v1.ConflictingLibraryService/FetchBook")
                .contains("GET /v1/{name=shelves/*/books/*}");
    }

    @Test
    void gatewaysGivingTwoOpenApiTitlesNameBothAndTheFix() {
        assertThat(failureOf(OtherServiceImpl.class, dev.switchboard.it.services.DisagreeingGateways.class))
                .contains("The gateways /one and /two give different OpenAPI titles [One, Two]")
                .contains("switchboard.openapi.title");
    }

    /** A typo would otherwise cost the promise's speed without a word. */
    @Test
    void aNonBlockingServiceNameThatIsNotServedNamesTheServicesThatAre() {
        assertThat(failureOf(TestWars.war("broken.war", OtherServiceImpl.class).addAsWebInfResource(
                TestWars.webXml(Switchboard.NON_BLOCKING_SERVICES, "switchboard.test.v1.OtherService, switchboard.test.v1.Typo"),
                "web.xml")))
                .contains(Switchboard.NON_BLOCKING_SERVICES)
                .contains("'switchboard.test.v1.Typo', which this deployment does not serve")
                .contains("its services: switchboard.test.v1.OtherService");
    }

    @Test
    void theServerKeepsServingAfterAFailedDeployment() throws Exception {
        failureOf(OtherServiceImpl.class, DuplicateOtherService.class);
        Path good = Servers.export(TestWars.war("good.war", OtherServiceImpl.class), dir);
        EmbeddedJetty.Deployment deployment = jetty.deploy(good, "/");
        try {
            var channel = Clients.h2cChannelBuilder(endpoints).build();
            try {
                assertThat(dev.switchboard.test.v1.OtherServiceGrpc.newBlockingStub(channel)
                        .echo(dev.switchboard.test.v1.EchoRequest.newBuilder().setText("ok").build()).getText())
                        .isEqualTo("other: ok");
            } finally {
                Clients.close(channel);
            }
        } finally {
            jetty.undeploy(deployment);
        }
        assertThatThrownBy(() -> jetty.deploy(dir.resolve("missing.war"), "/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
