package dev.switchboard.it.support;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** An application servlet that claims every path and is not async-supported, as many older servlets are. */
@WebServlet(urlPatterns = "/*")
public class CatchAllServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter().write("app " + req.getMethod() + " " + req.getRequestURI());
    }
}
