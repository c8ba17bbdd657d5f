package dev.switchboard.internal.cdi;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

/** Finds the deployment's {@link BeanManager} the ways containers publish it. */
public final class BeanManagers {

    private static final String[] WELD_ATTRIBUTES = {
        BeanManager.class.getName(), "org.jboss.weld.environment.servlet." + BeanManager.class.getName()};

    private BeanManagers() {
    }

    public static BeanManager find(ServletContext context) {
        // Weld servlet (Jetty, Tomcat) publishes it in the context; that is the one right for this context even when
        // several deployments share a JVM, which CDI.current() cannot promise. Weld 5 uses its own attribute name;
        // the standard one is set by container integrations (jetty-ee10-cdi).
        for (String attribute : WELD_ATTRIBUTES) {
            if (context.getAttribute(attribute) instanceof BeanManager bm) {
                return bm;
            }
        }
        try {
            // Jakarta EE servers (WildFly).
            return (BeanManager) new InitialContext().lookup("java:comp/BeanManager");
        } catch (NamingException | RuntimeException e) {
            // not an EE server; try CDI.current()
        }
        try {
            return CDI.current().getBeanManager();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Switchboard needs CDI, and none is running for " + context.getContextPath()
                    + ": deploy to a Jakarta EE server, or on Jetty/Tomcat add Weld (weld-servlet) to the server or the WAR"
                    + " and a WEB-INF/beans.xml", e);
        }
    }
}
