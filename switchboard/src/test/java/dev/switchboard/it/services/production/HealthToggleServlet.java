package dev.switchboard.it.services.production;

import java.io.IOException;

import dev.switchboard.GrpcHealth;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The application flips a service's health through the injectable GrpcHealth: /toggle?service=X&status=NOT_SERVING. */
@WebServlet("/toggle")
public class HealthToggleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object attribute = getServletContext().getAttribute(BeanManager.class.getName());
        GrpcHealth health = attribute instanceof BeanManager bm ? bm.createInstance().select(GrpcHealth.class).get()
                : CDI.current().select(GrpcHealth.class).get();
        health.setStatus(req.getParameter("service"), ServingStatus.valueOf(req.getParameter("status")));
        resp.getWriter().write(health.status(req.getParameter("service")).name());
    }
}
