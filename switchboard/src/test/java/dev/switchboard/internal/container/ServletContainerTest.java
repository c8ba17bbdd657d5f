package dev.switchboard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

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
}
