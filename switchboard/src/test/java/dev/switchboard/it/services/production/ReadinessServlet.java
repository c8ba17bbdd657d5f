package dev.switchboard.it.services.production;

import java.io.IOException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What a MicroProfile Health implementation does for /health/ready: call every @Readiness HealthCheck bean. */
@WebServlet("/readiness")
public class ReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object attribute = getServletContext().getAttribute(BeanManager.class.getName());
        BeanManager beanManager = attribute instanceof BeanManager bm ? bm : CDI.current().getBeanManager();
        StringBuilder out = new StringBuilder();
        for (HealthCheck check : beanManager.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE)) {
            HealthCheckResponse response = check.call();
            out.append(response.getName()).append(' ').append(response.getStatus()).append(' ')
                    .append(response.getData().orElseThrow()).append('\n');
        }
        resp.getWriter().write(out.toString());
    }
}
