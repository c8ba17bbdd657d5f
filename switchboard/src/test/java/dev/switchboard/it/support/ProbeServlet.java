package dev.switchboard.it.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A test WAR's window into the server's JVM: {@code GET /probe} answers {@code threads heapBytes} — the live thread
 * count, and the heap in use after a full collection ({@code ?gc=true}) — so that a test on any container can see
 * whether threads and memory come back after load.
 */
@WebServlet("/probe")
public class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        if ("true".equals(req.getParameter("gc"))) {
            memory.gc();
        }
        resp.setContentType("text/plain");
        resp.getWriter().print(ManagementFactory.getThreadMXBean().getThreadCount() + " " + memory.getHeapMemoryUsage().getUsed());
    }
}
