package dev.switchboard.it.support;

import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Records the servlet requests Weld activated its request context for (Weld fires {@code @Initialized(RequestScoped)}
 * with the request when it does); {@code GET /weld-contexts} lists them, one "METHOD URI" a line.
 */
@ApplicationScoped
public class WeldRequestContexts {

    static final Queue<String> ACTIVATED = new ConcurrentLinkedQueue<>();

    void activated(@Observes @Initialized(RequestScoped.class) Object payload) {
        if (payload instanceof HttpServletRequest request) {
            ACTIVATED.add(request.getMethod() + " " + request.getRequestURI());
        }
    }

    @WebServlet("/weld-contexts")
    public static class ListServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write(String.join("\n", ACTIVATED));
        }
    }
}
