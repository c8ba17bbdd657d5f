package dev.switchboard.testing.jetty;

import jakarta.servlet.ServletContextAttributeEvent;
import jakarta.servlet.ServletContextAttributeListener;

/**
 * Weld servlet (5.x) publishes the BeanManager only as the ServletContext attribute
 * "org.jboss.weld.environment.servlet.jakarta.enterprise.inject.spi.BeanManager" (it is the container's CDI
 * integration, e.g. jetty-ee10-cdi, that normally adds the standard name — and that has no 12.1 release).
 * This listener mirrors it under "jakarta.enterprise.inject.spi.BeanManager", the name portable code looks up.
 * Being an attribute listener it does so the moment Weld's ServletContainerInitializer sets it, before any
 * ServletContextListener of the WAR runs, whatever the order of initializers.
 */
final class BeanManagerAttribute implements ServletContextAttributeListener {

    static final String STANDARD = "jakarta.enterprise.inject.spi.BeanManager";
    static final String WELD = "org.jboss.weld.environment.servlet." + STANDARD;

    @Override
    public void attributeAdded(ServletContextAttributeEvent event) {
        if (WELD.equals(event.getName())) {
            event.getServletContext().setAttribute(STANDARD, event.getValue());
        }
    }

    @Override
    public void attributeReplaced(ServletContextAttributeEvent event) {
        if (WELD.equals(event.getName())) {
            // getValue() is the old value here
            event.getServletContext().setAttribute(STANDARD, event.getServletContext().getAttribute(WELD));
        }
    }

    @Override
    public void attributeRemoved(ServletContextAttributeEvent event) {
        if (WELD.equals(event.getName())) {
            event.getServletContext().removeAttribute(STANDARD);
        }
    }
}
