package dev.switchboard.it.support;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Test WARs as a user would write them: application classes, WEB-INF/beans.xml and optionally web.xml
 * context-params. On the embedded Jetty the Switchboard library, grpc-java and protobuf come from the server's class
 * path (the embedded container's parent loader) and Weld (CDI) is the container's. On a real server (the
 * {@code wildfly} profile) they must be in the WAR, as in any user's: the build lists them in the system property
 * {@value #WAR_LIBRARIES} (the library's classes, its runtime dependencies and the test protos; never Jakarta APIs
 * or Weld, which the server provides), and every test WAR gets them in WEB-INF/lib.
 * <p>
 * Undertow's native transport needs nothing in the WAR: WildFly links its modules {@code io.undertow.core} and
 * {@code io.undertow.servlet} to every WAR, as to a user's. With {@value #UNDERTOW_NATIVE}{@code =false} (the WildFly
 * fallback execution) every test WAR excludes them in WEB-INF/jboss-deployment-structure.xml, as a WAR may, and is then
 * served by the servlet transports alone.
 */
public final class TestWars {

    /** Jars and class directories for WEB-INF/lib, separated by {@link File#pathSeparator}; unset: none. */
    public static final String WAR_LIBRARIES = "switchboard.test.war-libraries";

    /** System property: {@code false} builds WARs that do not see Undertow's modules (see above). */
    public static final String UNDERTOW_NATIVE = "switchboard.test.undertow.native";

    /**
     * System property: {@code false} where the WildFly under test runs with {@code
     * switchboard.undertow.native-streaming=false} (the execution wildfly-servlet-streaming): its native transport then
     * serves unary calls only, and grpc-servlet streaming ones.
     */
    public static final String UNDERTOW_NATIVE_STREAMING = "switchboard.test.undertow.native-streaming";

    /** A WAR's way of not seeing Undertow's own API on WildFly. */
    static final String WITHOUT_UNDERTOW = """
            <jboss-deployment-structure>
              <deployment>
                <exclusions>
                  <module name="io.undertow.core"/>
                  <module name="io.undertow.servlet"/>
                </exclusions>
              </deployment>
            </jboss-deployment-structure>
            """;

    public static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
            """;

    private static volatile List<Object> libraries;

    private TestWars() {
    }

    public static WebArchive war(String name, Class<?>... classes) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name)
                .addClasses(classes)
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml");
        for (Object library : libraries()) {
            if (library instanceof File jar) {
                war.addAsLibrary(jar);
            } else {
                war.addAsLibrary((JavaArchive) library);
            }
        }
        if (!undertowNative()) {
            war.addAsWebInfResource(new StringAsset(WITHOUT_UNDERTOW), "jboss-deployment-structure.xml");
        }
        return war;
    }

    /** Whether test WARs may see Undertow's modules on WildFly (by default; see {@value #UNDERTOW_NATIVE}). */
    public static boolean undertowNative() {
        return !"false".equalsIgnoreCase(System.getProperty(UNDERTOW_NATIVE));
    }

    /** Whether Undertow's native transport serves streaming calls too, where it serves (see {@value #UNDERTOW_NATIVE_STREAMING}). */
    public static boolean undertowNativeStreaming() {
        return undertowNative() && !"false".equalsIgnoreCase(System.getProperty(UNDERTOW_NATIVE_STREAMING));
    }

    /**
     * Adds the jars that hold {@code classes} (test dependencies the deployed code uses, e.g. an SDK) to WEB-INF/lib
     * when WARs carry their libraries (a real server); on the embedded Jetty the server's class path has them.
     */
    public static WebArchive withJarsOf(WebArchive war, Class<?>... classes) {
        if (libraries().isEmpty()) {
            return war;
        }
        for (Class<?> type : classes) {
            try {
                war.addAsLibrary(new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("Where " + type + " comes from: " + e.getMessage(), e);
            }
        }
        return war;
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

    /** What {@value #WAR_LIBRARIES} names: jar files, and class directories as archives; read once. */
    static List<Object> libraries() {
        List<Object> result = libraries;
        if (result == null) {
            result = new ArrayList<>();
            String list = System.getProperty(WAR_LIBRARIES, "");
            for (String entry : list.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                File file = new File(entry);
                if (file.isDirectory()) {
                    // e.g. the library's own target/classes while its module is being built
                    String jarName = file.getParentFile().getParentFile().getName() + "-classes.jar";
                    result.add(ShrinkWrap.create(ExplodedImporter.class, jarName).importDirectory(file).as(JavaArchive.class));
                } else if (file.isFile()) {
                    result.add(file);
                } else {
                    throw new IllegalStateException(WAR_LIBRARIES + " names " + file + ", which does not exist");
                }
            }
            libraries = result = List.copyOf(result);
        }
        return result;
    }
}
