package dev.switchboard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServletContainerTest {

    @ParameterizedTest
    @CsvSource(value = {"jetty/12.1.14,Jetty,false,true", "WildFly Full 39.0.1.Final (WildFly Core 31.0.3.Final) - 2.3.20.Final,Undertow,true,true",
            "Undertow - 2.3.20.Final,Undertow,true,true",
            "JBoss EAP 8.0.0.GA (WildFly Core 21.0.5.Final-redhat-00001) - 2.3.10.SP3-redhat-00001,Undertow,true,true",
            "Apache Tomcat/11.0.0,generic,false,false", "NULL,generic,false,false"}, nullValues = "NULL")
    void recognizesTheContainerFromItsServerInfo(String serverInfo, String name, boolean blockingDispatch, boolean knowsItsThreads) {
        ServletContainer container = ServletContainer.detect(serverInfo);
        assertThat(container.name()).isEqualTo(name);
        assertThat(container.prefersBlockingDispatch()).isEqualTo(blockingDispatch);
        assertThat(container.resetsInvisibleToServletApi()).isEqualTo(blockingDispatch);
        assertThat(container.knowsItsThreads()).isEqualTo(knowsItsThreads);
    }

    /** On Jetty, behind Switchboard's front: a body its buffer keeps is left to the completion, and the front told. */
    @Test
    void jettyLeavesASmallBodyToTheCompletionWhereTheFrontAsks() {
        ServletContainer jetty = ServletContainer.detect("jetty/12.1.14");
        AtomicBoolean deferrable = new AtomicBoolean();
        ServletRequest fronted = request(Map.of(JettyContainer.DEFERRABLE_WRITES, deferrable));

        assertThat(jetty.sendsBodyOnCompletion(fronted, JettyContainer.AGGREGATED_BYTES + 1)).isFalse();
        assertThat(deferrable).isFalse();
        assertThat(jetty.sendsBodyOnCompletion(fronted, JettyContainer.AGGREGATED_BYTES)).isTrue();
        assertThat(deferrable).isTrue();
    }

    @Test
    void withoutTheFrontOrOnAnotherContainerTheBodyGoesAtOnce() {
        AtomicBoolean deferrable = new AtomicBoolean();
        ServletRequest fronted = request(Map.of(JettyContainer.DEFERRABLE_WRITES, deferrable));

        assertThat(ServletContainer.detect("jetty/12.1.14").sendsBodyOnCompletion(request(Map.of()), 10)).isFalse();
        assertThat(ServletContainer.detect("jetty/12.1.14").sendsBodyOnCompletion(null, 10)).isFalse();
        assertThat(ServletContainer.detect("Undertow - 2.3.20.Final").sendsBodyOnCompletion(fronted, 10)).isFalse();
        assertThat(ServletContainer.detect("Apache Tomcat/11.0.0").sendsBodyOnCompletion(fronted, 10)).isFalse();
        assertThat(deferrable).isFalse();
    }

    /** A request whose only behaviour is its {@code attributes}. */
    private static ServletRequest request(Map<String, Object> attributes) {
        return (ServletRequest) Proxy.newProxyInstance(ServletContainerTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getAttribute") ? attributes.get((String) args[0]) : null);
    }
}
