package dev.switchboard.it.support;

import java.io.IOException;

import dev.switchboard.Switchboard;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tells a test which port a WAR's dedicated gRPC server opened (asked for as port 0): the servlet context attribute
 * {@link Switchboard#GRPC_PORT_ATTRIBUTE}, read over HTTP because on a real server the test cannot reach the context
 * ({@link GrpcPorts#of}). Nothing of the test client in here: the class is scanned in the WAR.
 */
@WebServlet(GrpcPortServlet.PATH)
public class GrpcPortServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String PATH = "/__test/grpc-port";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.getWriter().write(String.valueOf(getServletContext().getAttribute(Switchboard.GRPC_PORT_ATTRIBUTE)));
    }
}
