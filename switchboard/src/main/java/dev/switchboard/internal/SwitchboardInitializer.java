package dev.switchboard.internal;

import dev.switchboard.internal.cdi.WeldContextActivation;
import dev.switchboard.internal.jetty.JettyTransport;

import java.util.function.Predicate;
import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Registers Switchboard in every web application that has the library: its filter, first in the chain and
 * async-supported (grpc-servlet needs asynchronous requests), the listener that starts and stops it, and the filter
 * and servlet that answer the container's own 401/403 on gRPC and JSON routes (with META-INF/web-fragment.xml).
 * Found by the container through {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 */
public final class SwitchboardInitializer implements ServletContainerInitializer {

    static final String FILTER_NAME = "switchboard";
    static final String ERROR_FILTER_NAME = "switchboard-container-errors";
    static final String ERROR_SERVLET_NAME = "switchboard-container-errors";

    /** A class every CDI implementation brings, and which Switchboard's lifecycle needs before anything else. */
    static final String CDI_API_CLASS = "jakarta.enterprise.inject.spi.BeanManager";
    /**
     * Jetty's servlet context, which a Jetty server shows the web application only where it was told to (the
     * switchboard-grpc module, EmbeddedJetty): then Switchboard serves native gRPC on Jetty's core API (internal.jetty).
     */
    static final String JETTY_CONTEXT_CLASS = "org.eclipse.jetty.ee10.servlet.ServletContextHandler";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        requireCdiApi(context);
        SwitchboardLifecycle lifecycle = new SwitchboardLifecycle();
        context.addListener(lifecycle);
        context.setAttribute(WeldContextActivation.SKIP_ATTRIBUTE, (Predicate<HttpServletRequest>) lifecycle::skipsWeldContexts);
        context.setAttribute(SwitchboardLifecycle.ATTRIBUTE, lifecycle);
        // Null when a context is started again (Jetty's WebAppContext.stop()/start()): it kept the filters and servlet
        // of its first start, with their mappings, and they take this start's lifecycle at init.
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new SwitchboardFilter(lifecycle));
        if (filter != null) {
            filter.setAsyncSupported(true);
            // isMatchAfter=false puts it before the filters web.xml declares.
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        // The container's own 401/403 (security constraints) in the request's protocol; see web-fragment.xml.
        FilterRegistration.Dynamic errors = context.addFilter(ERROR_FILTER_NAME, new ContainerErrorFilter(lifecycle));
        if (errors != null) {
            errors.setAsyncSupported(true);
            errors.addMappingForUrlPatterns(EnumSet.of(DispatcherType.ERROR), false, "/*");
        }
        ServletRegistration.Dynamic errorPage = context.addServlet(ERROR_SERVLET_NAME, new ContainerErrorServlet());
        if (errorPage != null) {
            errorPage.setAsyncSupported(true);
            errorPage.addMapping(ContainerErrorServlet.PATH);
        }
        // Now, before the context starts its handlers: only stopped ones can be re-linked.
        if (visible(JETTY_CONTEXT_CLASS, context.getClassLoader())) {
            JettyTransport.install(context);
        }
    }

    private static boolean visible(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A server without CDI (a Jetty distribution without its ee10-cdi module, a WAR without Weld) would otherwise fail
     * the deployment with a bare NoClassDefFoundError from the first class that names a CDI type.
     */
    private static void requireCdiApi(ServletContext context) {
        try {
            Class.forName(CDI_API_CLASS, false, SwitchboardInitializer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Switchboard needs CDI, and the server gives " + context.getContextPath()
                    + " none (" + CDI_API_CLASS + " is not on its class path): deploy to a Jakarta EE server, or on Jetty"
                    + " enable the ee10-cdi modules or add Weld (weld-servlet) to the WAR, with a WEB-INF/beans.xml", e);
        }
    }
}
