package dev.switchboard.internal.chain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.weld.context.bound.BoundLiteral;
import org.jboss.weld.context.bound.BoundRequestContext;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Makes CDI's request scope one per call, on both protocols: every callback of a call (which grpc-java may run on any
 * thread) runs with the request context bound to that call's own storage, destroyed when the call ends. Weld's bound
 * request context does this (Weld is the CDI of Jetty+Weld, WildFly, Open Liberty); without Weld there is no
 * request scope during calls, and request-scoped services are refused at deployment.
 */
public final class RequestScope implements ServerInterceptor {

    private static final Logger LOG = Logger.getLogger(RequestScope.class.getName());

    private final BoundRequestContext context;

    private RequestScope(BoundRequestContext context) {
        this.context = context;
    }

    /**
     * The request scope for calls, or null when the CDI implementation offers no bound request context, or when the
     * application has no request-scoped bean (then activating a context for every callback would be work for nothing,
     * and Switchboard may run calls within the container's dispatch even where the container's own request context is
     * active there). {@code appLoader}: the application's class loader.
     */
    public static RequestScope of(BeanManager beanManager, ClassLoader appLoader) {
        if (!hasRequestScopedBeans(beanManager, appLoader)) {
            return null;
        }
        return bound(beanManager);
    }

    /** Whether the request scope can be had at all (for request-scoped services). */
    public static boolean available(BeanManager beanManager) {
        return bound(beanManager) != null;
    }

    /**
     * Request-scoped beans of the application's own: those of CDI itself and those the container adds to every
     * deployment do not count.
     * WildFly's RESTEasy adds request-scoped producers (HttpHeaders, UriInfo and more) to every WAR; counted, they
     * made every call on WildFly pay for a per-call request context and kept calls out of the container's dispatch
     * (measured: about a third of WildFly's throughput).
     */
    private static boolean hasRequestScopedBeans(BeanManager beanManager, ClassLoader appLoader) {
        for (var bean : beanManager.getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
            if (bean.getScope() == jakarta.enterprise.context.RequestScoped.class && isApplicationClass(bean.getBeanClass(), appLoader)) {
                LOG.fine(() -> "request-scoped bean of the application: " + bean);
                return true;
            }
        }
        return false;
    }

    /**
     * Defined by the application's class loader, or by another of its deployment's (WildFly names the modules of
     * deployments, an EAR's lib/ and sub-deployments included, {@code deployment.*}); not by the container's.
     */
    static boolean isApplicationClass(Class<?> type, ClassLoader appLoader) {
        ClassLoader loader = type.getClassLoader();
        // Weld's and the CDI API's own beans, which a WAR for Jetty bundles
        if (loader == null || type.getName().startsWith("org.jboss.weld.") || type.getName().startsWith("jakarta.")) {
            return false;
        }
        if (loader == appLoader) {
            return true;
        }
        String name = loader.getName();
        return name != null && name.startsWith("deployment.");
    }

    private static RequestScope bound(BeanManager beanManager) {
        try {
            Class.forName("org.jboss.weld.context.bound.BoundRequestContext", false, RequestScope.class.getClassLoader());
            var beans = beanManager.getBeans(BoundRequestContext.class, BoundLiteral.INSTANCE);
            if (beans.isEmpty()) {
                return null;
            }
            var bean = beanManager.resolve(beans);
            return new RequestScope((BoundRequestContext) beanManager.getReference(bean, BoundRequestContext.class,
                    beanManager.createCreationalContext(bean)));
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.FINE, "no Weld: no request scope during calls", e);
            return null;
        }
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        Map<String, Object> storage = new ConcurrentHashMap<>();
        ServerCall.Listener<ReqT>[] started = newListenerArray();
        in(storage, false, () -> started[0] = next.startCall(call, headers));
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(started[0]) {
            @Override
            public void onMessage(ReqT message) {
                in(storage, false, () -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                in(storage, false, super::onHalfClose);
            }

            @Override
            public void onReady() {
                in(storage, false, super::onReady);
            }

            @Override
            public void onCancel() {
                in(storage, true, super::onCancel);
            }

            @Override
            public void onComplete() {
                in(storage, true, super::onComplete);
            }
        };
    }

    /** Runs {@code work} with the request context bound to {@code storage}; {@code last} destroys the call's beans. */
    private void in(Map<String, Object> storage, boolean last, Runnable work) {
        if (context.isActive()) {
            // already in a request (a caller's own); leave it be
            work.run();
            return;
        }
        context.associate(storage);
        context.activate();
        try {
            work.run();
        } finally {
            if (last) {
                context.invalidate();
            }
            context.deactivate();
            context.dissociate(storage);
        }
    }

    @SuppressWarnings("unchecked")
    private static <ReqT> ServerCall.Listener<ReqT>[] newListenerArray() {
        return new ServerCall.Listener[1];
    }
}
