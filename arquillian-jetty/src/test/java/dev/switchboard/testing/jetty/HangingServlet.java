package dev.switchboard.testing.jetty;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Sends its headers and one byte, then leaves the request open for good: a request that holds a graceful stop. */
@WebServlet(urlPatterns = "/hang", asyncSupported = true)
public class HangingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.startAsync().setTimeout(0);
        response.setContentType("text/plain");
        response.getOutputStream().write('x');
        response.flushBuffer();
    }
}
