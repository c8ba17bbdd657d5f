package dev.switchboard.it.support;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Which transport served a test WAR's requests: counts the requests a native transport took (they carry the request
 * attribute {@value #ATTRIBUTE}, which request listeners still see), and {@code GET /transport-probe} answers the
 * count. The listener and the servlet are one class, so that adding it to a WAR adds both.
 */
public final class TransportProbe {

    /** What the native transports set on the servlet request of a call they serve. */
    public static final String ATTRIBUTE = "dev.switchboard.native-transport";

    static final AtomicInteger SERVED_NATIVELY = new AtomicInteger();

    private TransportProbe() {
    }

    /** Counts each request whose servlet request carries the attribute when it ends. */
    @WebListener
    public static final class Listener implements ServletRequestListener {
        @Override
        public void requestDestroyed(ServletRequestEvent event) {
            if (event.getServletRequest().getAttribute(ATTRIBUTE) != null) {
                SERVED_NATIVELY.incrementAndGet();
            }
        }
    }

    /** {@code GET /transport-probe}: how many requests a native transport served so far. */
    @WebServlet("/transport-probe")
    public static final class Count extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().print(SERVED_NATIVELY.get());
        }
    }
}
