package dev.switchboard.internal.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/**
 * Where {@link JettyTransport} puts its handler in a real ee10 servlet context — between the security handler and the
 * servlet handler — when a {@code ServletContainerInitializer} installs it as the context starts (as Switchboard's
 * does), and that a context stopped and started again (the initializers run again) still has exactly one.
 */
class JettyTransportTest {

    @Test
    void installsBetweenSecurityAndServletsOnceAcrossRestarts() throws Exception {
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        context.setContextPath("/");
        context.addServletContainerInitializer((classes, servletContext) -> JettyTransport.install(servletContext));
        server.setHandler(context);
        try {
            server.start();
            assertInstalledOnce(context);
            context.stop();
            context.start();
            assertInstalledOnce(context);
        } finally {
            server.stop();
        }
    }

    @Test
    void leavesAStartedContextAsItIs() throws Exception {
        Server server = new Server();
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SECURITY);
        context.setContextPath("/");
        server.setHandler(context);
        try {
            server.start();
            // too late: the security handler is started, and Jetty re-links only stopped handlers
            assertThat(JettyTransport.install(context.getServletContext())).isFalse();
            assertThat(context.getDescendants(JettyGrpcHandler.class)).isEmpty();
            assertThat(context.getSecurityHandler().getHandler()).isSameAs(context.getServletHandler());
        } finally {
            server.stop();
        }
    }

    private static void assertInstalledOnce(ServletContextHandler context) {
        assertThat(context.getDescendants(JettyGrpcHandler.class)).hasSize(1);
        JettyGrpcHandler handler = context.getDescendant(JettyGrpcHandler.class);
        assertThat(context.getSecurityHandler().getHandler()).isSameAs(handler);
        assertThat(handler.getHandler()).isSameAs(context.getServletHandler());
    }
}
