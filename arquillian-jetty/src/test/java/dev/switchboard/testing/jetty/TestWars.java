package dev.switchboard.testing.jetty;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WARs the tests deploy. Weld and the servlet API are not in them: the server provides those. */
final class TestWars {

    static final String BEANS_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private TestWars() {
    }

    static WebArchive hello(String name) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(HelloServlet.class, GreetingBean.class)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }

    static WebArchive failingListener(String name) {
        return hello(name).addClass(FailingListener.class);
    }

    static WebArchive unsatisfiedInjection(String name) {
        return hello(name).addClasses(BrokenBean.class, BrokenBean.Missing.class);
    }
}
