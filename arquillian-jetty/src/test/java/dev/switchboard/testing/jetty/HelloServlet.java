package dev.switchboard.testing.jetty;

import java.io.IOException;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers "PROTOCOL|SCHEME|greeting". Found through @WebServlet (annotation scanning); gets CDI the way a
 * servlet without injection does: the BeanManager Weld servlet puts into the ServletContext.
 */
@WebServlet("/hello")
public class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BeanManager beans = (BeanManager) getServletContext().getAttribute(BeanManager.class.getName());
        String greeting;
        if (beans == null) {
            greeting = "no BeanManager";
        } else {
            Bean<?> bean = beans.resolve(beans.getBeans(GreetingBean.class));
            CreationalContext<?> creational = beans.createCreationalContext(bean);
            greeting = ((GreetingBean) beans.getReference(bean, GreetingBean.class, creational)).greeting();
        }
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().print(request.getProtocol() + "|" + request.getScheme() + "|" + greeting);
    }
}
