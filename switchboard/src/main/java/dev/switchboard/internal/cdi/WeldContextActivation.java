package dev.switchboard.internal.cdi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jboss.weld.servlet.spi.HttpContextActivationFilter;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Keeps Weld's servlet contexts (request, session, conversation) off Switchboard's own requests. Weld activates them
 * around every servlet request of the application, from its request listener; for a small gRPC or JSON call on Jetty
 * that costs about a tenth of the server's CPU (bench/NOTES.md). Nothing needs them there: the application's filters
 * and servlets never see these requests, and service code — which may run on another thread than the request's —
 * gets a request scope of its own per call ({@link dev.switchboard.internal.chain.RequestScope}). Context-param
 * {@link dev.switchboard.Switchboard#WELD_SERVLET_CONTEXTS} turns them back on.
 *
 * <p>This is Weld's SPI for the purpose, found by Weld itself (not by CDI) through
 * {@code META-INF/services/org.jboss.weld.bootstrap.api.Service}, on Jetty with Weld and on WildFly alike; so the
 * class is only ever loaded where Weld is. A filter given that way replaces the one Weld would build from its own
 * {@code org.jboss.weld.context.mapping} context-param, so that one is applied here, as Weld applies it.
 */
public final class WeldContextActivation implements HttpContextActivationFilter {

    /** Weld's context-param: a regular expression the path within the context must match for contexts to be activated. */
    static final String WELD_MAPPING = "org.jboss.weld.context.mapping";

    private final Map<String, Pattern> mappings = new ConcurrentHashMap<>();

    /**
     * The servlet context attribute holding which requests are Switchboard's own (a {@code Predicate<HttpServletRequest>}),
     * set at startup. A literal, so that naming it does not load this class, which needs Weld.
     */
    public static final String SKIP_ATTRIBUTE = "dev.switchboard.internal.cdi.WeldContextActivation.skip";

    /** For Weld's ServiceLoader. */
    public WeldContextActivation() {
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean accepts(HttpServletRequest request) {
        ServletContext context = request.getServletContext();
        if (context.getAttribute(SKIP_ATTRIBUTE) instanceof Predicate<?> skip && ((Predicate<HttpServletRequest>) skip).test(request)) {
            return false;
        }
        String mapping = context.getInitParameter(WELD_MAPPING);
        if (mapping == null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return mappings.computeIfAbsent(mapping, Pattern::compile).matcher(path).matches();
    }

    @Override
    public void cleanup() {
        mappings.clear();
    }
}
