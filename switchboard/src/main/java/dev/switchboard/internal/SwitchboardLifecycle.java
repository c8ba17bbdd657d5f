package dev.switchboard.internal;

import dev.switchboard.internal.cdi.BeanManagers;
import dev.switchboard.internal.cdi.ServiceCatalog;
import dev.switchboard.internal.cdi.SwitchboardExtension;
import dev.switchboard.internal.grpc.NativeGrpc;
import dev.switchboard.internal.port.GrpcPortSettings;

import java.util.logging.Logger;

import dev.switchboard.Switchboard;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Starts Switchboard with the servlet context and stops it with the context; there is nothing for the application
 * to call. Starting waits for {@code contextInitialized} because CDI has booted by then on every container.
 */
final class SwitchboardLifecycle implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(SwitchboardLifecycle.class.getName());

    /**
     * The servlet-context attribute holding this start's lifecycle, which Switchboard's filters take at their
     * {@code init}: a context stopped and started again (Jetty's {@code WebAppContext.stop()/start()}) keeps the filter
     * instances of its first start, and each start has a lifecycle of its own.
     */
    static final String ATTRIBUTE = SwitchboardLifecycle.class.getName();

    /** This start's lifecycle, else {@code fallback}. */
    static SwitchboardLifecycle of(ServletContext context, SwitchboardLifecycle fallback) {
        return context.getAttribute(ATTRIBUTE) instanceof SwitchboardLifecycle current ? current : fallback;
    }

    private volatile SwitchboardRuntime runtime;

    /** The running deployment's router, or null before start and after stop. */
    RequestRouter router() {
        SwitchboardRuntime current = runtime;
        return current == null ? null : current.router();
    }

    /** Whether Weld should leave its servlet contexts off for this request ({@link WeldContextActivation}). */
    boolean skipsWeldContexts(HttpServletRequest request) {
        SwitchboardRuntime current = runtime;
        return current != null && current.router().skipsWeldContexts(request);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        BeanManager beanManager = BeanManagers.find(context);
        ServiceCatalog catalog = beanManager.getExtension(SwitchboardExtension.class).catalog();
        Settings settings = Settings.from(context);
        SwitchboardRuntime started = new SwitchboardRuntime(catalog, settings, context.getClassLoader());
        runtime = started;
        String contextPath = context.getContextPath();
        LOG.info(() -> "Switchboard: gRPC services " + started.serviceNames() + " on the container's connectors"
                + (started.ownsUnaryCalls() ? " (on Switchboard's transports; streaming calls on grpc-servlet where Jetty's core API does not serve them)" : " (on grpc-servlet)")
                + (settings.methodPathConnect() ? "; Connect at their method paths too" : "")
                + (started.telemetrySource() == null ? "" : "; OpenTelemetry from " + started.telemetrySource())
                + (started.routes().isEmpty() ? "; no JSON routes (no gateway with exposeHttp)"
                        : "; JSON routes under " + started.routes().prefixes())
                + " in context " + (contextPath.isEmpty() ? "/" : contextPath));
        publishNativeGrpc(context, started);
        if (started.grpcPort() >= 0) {
            GrpcPortSettings port = settings.grpcPort();
            context.setAttribute(Switchboard.GRPC_PORT_ATTRIBUTE, started.grpcPort());
            LOG.info(() -> "Switchboard: dedicated gRPC port listening on "
                    + new GrpcPortSettings(port.host(), started.grpcPort(), port.threads(), port.tls()).describe()
                    + (port.tls() == null ? " (plaintext)" : " (TLS" + switch (port.tls().clientAuth()) {
                        case NONE -> ")";
                        case OPTIONAL -> ", client certificates optional)";
                        case REQUIRE -> ", client certificates required)";
                    })
                    + (port.host() == null ? " on every interface" : ""));
        }
        if (!contextPath.isEmpty() && started.grpcPort() < 0) {
            LOG.warning(() -> "Switchboard: the context path is " + contextPath + ", not /. gRPC clients cannot add a path"
                    + " prefix, so native gRPC calls will not reach this application; JSON routes work. Deploy as ROOT.war"
                    + " (Jetty) or with <context-root>/</context-root> in jboss-web.xml (WildFly) to serve gRPC, or open"
                    + " a dedicated gRPC port (context-param " + Switchboard.GRPC_PORT + ").");
        }
    }

    /**
     * For a container's native transport, if one is installed in this context (it asks for the attribute per request),
     * unless unary calls must stay on the servlet layer. The application's filters never see gRPC requests either way:
     * Switchboard's filter is the first of the chain and answers them.
     */
    private static void publishNativeGrpc(ServletContext context, SwitchboardRuntime started) {
        if (started.nativeGrpc() != null) {
            context.setAttribute(NativeGrpc.ATTRIBUTE, started.nativeGrpc());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        // First: a native transport passes new requests to the servlet layer from now on.
        event.getServletContext().removeAttribute(NativeGrpc.ATTRIBUTE);
        SwitchboardRuntime stopping = runtime;
        if (stopping != null) {
            event.getServletContext().removeAttribute(Switchboard.GRPC_PORT_ATTRIBUTE);
            stopping.shutdown();
            runtime = null;
            LOG.info("Switchboard: stopped");
        }
    }
}
