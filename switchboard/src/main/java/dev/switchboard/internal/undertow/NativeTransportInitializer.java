package dev.switchboard.internal.undertow;

import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;

/**
 * Installs the native transport into a WAR's Undertow deployment (WildFly), from the library's
 * META-INF/services/jakarta.servlet.ServletContainerInitializer; does nothing elsewhere.
 *
 * <p>What the WAR needs: nothing. WildFly 39 links the modules {@code io.undertow.core} and {@code io.undertow.servlet}
 * to every WAR ({@code UndertowDependencyProcessor}), and the transport uses nothing else of the server's.
 *
 * <p>Why an initializer and not Undertow's own hook ({@code io.undertow.servlet.ServletExtension} in
 * META-INF/services): WildFly 39 links the modules {@code io.undertow.core} and {@code io.undertow.servlet} to every
 * WAR, but a WAR may exclude them (jboss-deployment-structure.xml), and then Undertow's {@code ServiceLoader} fails on
 * an extension class it cannot link — and with it the whole deployment (checked on WildFly 39.0.1:
 * NoClassDefFoundError, deployment rolled back). This class uses the servlet API only and asks first whether
 * Undertow's classes are visible; without them the WAR is served by the servlet transports as before.
 */
public final class NativeTransportInitializer implements ServletContainerInitializer {

    /** System property: {@code false} installs nothing on this server (every call then goes through the servlet layer). */
    public static final String SWITCH_PROPERTY = "switchboard.undertow.native";

    private static final Logger LOG = Logger.getLogger(NativeTransportInitializer.class.getName());
    private static final String UNDERTOW_CONTEXT = "io.undertow.servlet.spec.ServletContextImpl";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        if (!context.getClass().getName().equals(UNDERTOW_CONTEXT)) {
            return;
        }
        String name = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
        if ("false".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY))) {
            LOG.fine(() -> "Switchboard: no native gRPC transport in " + name + " (" + SWITCH_PROPERTY + "=false)");
            return;
        }
        if (!undertowVisible()) {
            LOG.fine(() -> "Switchboard: no native gRPC transport in " + name
                    + ": the WAR does not see the modules io.undertow.core and io.undertow.servlet");
            return;
        }
        try {
            if (UndertowInstaller.install(context)) {
                LOG.fine(() -> "Switchboard: the native gRPC transport is installed in " + name);
            }
        } catch (LinkageError e) {
            // an Undertow other than the one this was built for (2.3): the servlet transports serve
            LOG.log(java.util.logging.Level.INFO, "Switchboard: no native gRPC transport in " + name
                    + ": this Undertow's API is not the one expected (" + e + ")", e);
        }
    }

    private static boolean undertowVisible() {
        ClassLoader loader = NativeTransportInitializer.class.getClassLoader();
        try {
            Class.forName("io.undertow.servlet.api.DeploymentInfo", false, loader);
            Class.forName("io.undertow.server.HttpServerExchange", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
