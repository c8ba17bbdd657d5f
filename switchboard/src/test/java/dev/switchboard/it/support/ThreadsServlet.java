package dev.switchboard.it.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test-only: the server JVM's threads, as {@code live=N switchboard=M}: ThreadMXBean's live thread count, and how many
 * threads are Switchboard's (named {@code switchboard-...}).
 */
@WebServlet(urlPatterns = "/threads")
public class ThreadsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long switchboard = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("switchboard-")).count();
        resp.setContentType("text/plain");
        resp.getWriter().write("live=" + ManagementFactory.getThreadMXBean().getThreadCount() + " switchboard=" + switchboard);
    }
}
