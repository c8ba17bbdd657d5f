package dev.switchboard.it.support;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An application servlet that claims every path, async-supported (so that Undertow lets Switchboard's requests go
 * async on the same paths): what the application answers where Switchboard does not.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true)
public class AsyncCatchAllServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().write("app " + req.getMethod() + " " + req.getRequestURI());
    }
}
