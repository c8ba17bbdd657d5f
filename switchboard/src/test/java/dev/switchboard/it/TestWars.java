package dev.switchboard.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs as a user would write them: application classes, WEB-INF/beans.xml and optionally web.xml
 * context-params. The Switchboard library, grpc-java and protobuf come from the server's class path here, as the
 * embedded container's parent loader; Weld (CDI) is the container's.
 */
public final class TestWars {

    public static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private TestWars() {
    }

    public static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name)
                .addClasses(classes)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
    }

    /** A web.xml with the given context-params, as name/value pairs. */
    public static StringAsset webXml(String... params) {
        StringBuilder xml = new StringBuilder("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (int i = 0; i < params.length; i += 2) {
            xml.append("  <context-param><param-name>").append(params[i]).append("</param-name><param-value>")
                    .append(params[i + 1]).append("</param-value></context-param>\n");
        }
        return new StringAsset(xml.append("</web-app>\n").toString());
    }
}
