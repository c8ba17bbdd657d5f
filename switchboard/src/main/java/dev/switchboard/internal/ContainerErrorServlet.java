package dev.switchboard.internal;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The location of the error pages Switchboard's web-fragment.xml declares for 401 and 403. gRPC and JSON requests
 * never get here ({@link ContainerErrorFilter} answers them first); every other request gets the container's default
 * error response, which {@code sendError} during an error dispatch produces. Not a page of its own: 404 when asked
 * for directly.
 */
final class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PATH = "/__switchboard/container-error";

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (req.getDispatcherType() != DispatcherType.ERROR || !(code instanceof Integer status)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Object message = req.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        resp.sendError(status, message instanceof String text ? text : null);
    }
}
