package dev.switchboard.bench.core;

import dev.switchboard.bench.plain.AsyncUnaryServlet;
import dev.switchboard.bench.plain.UnaryCall;
import dev.switchboard.jetty.front.BatchingEndPoint;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.security.ConstraintMapping;
import org.eclipse.jetty.ee10.servlet.security.ConstraintSecurityHandler;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.WindowRateControl;
import org.eclipse.jetty.security.Constraint;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Credential;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * {@code CoreSpikeServer VARIANT HOST PORT}: embedded Jetty 12.1 (HTTP/1.1 + h2c on one connector, as
 * {@code EmbeddedJetty}'s plaintext connector) serving {@code grpc.testing.BenchmarkService/UnaryCall} in one of eight
 * ways, for bench/core-spike (issue #22: how much of the servlet cost is the ServletContextHandler's own):
 * <ul>
 * <li>{@code bare}: {@link BareHandler} directly on the Server, non-blocking;</li>
 * <li>{@code bare-blocking}: the same, declared blocking (as any context with servlets is);</li>
 * <li>{@code context}: a ServletContextHandler with sessions and a ConstraintSecurityHandler (BASIC, one constraint
 * on {@code /admin/*}, so its checks run for every request), {@link InContextHandler} between the security handler
 * and the ServletHandler;</li>
 * <li>{@code context-inline}: "context" behind {@link InlineFront}, which tells Jetty the server never blocks;</li>
 * <li>{@code front}: that context with the handler in front of the session and security handlers;</li>
 * <li>{@code servlet}: the same context without that handler: {@link UnaryServlet} answers;</li>
 * <li>{@code servlet-async}, {@code servlet-async-inline}: {@link AsyncUnaryServlet} answers (non-blocking read),
 * the second behind {@link InlineFront}.</li>
 * <li>any of them with {@code -batched} appended: on a connector whose endpoints answer the calls parsed from one read
 * with one write (arquillian-jetty's {@link BatchingEndPoint}; meant for the non-blocking ones: {@code bare-batched},
 * {@code context-inline-batched}).</li>
 * </ul>
 * With {@code -Dcore-spike.protect=true} the call's path needs the role too (BASIC admin:admin), to check that the
 * security constraints apply to the in-context handler.
 * Prints "listening on" once it serves.
 */
public final class CoreSpikeServer {

    private CoreSpikeServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CoreSpikeServer VARIANT HOST PORT (see the Javadoc)");
            System.exit(2);
        }
        String variant = args[0];
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setRateControlFactory(new WindowRateControl.Factory(1000));   // as EmbeddedJetty.HTTP2_EVENTS_PER_SECOND
        boolean batched = variant.endsWith("-batched");
        if (batched) {
            variant = variant.substring(0, variant.length() - "-batched".length());
        }
        ServerConnector connector = batched ? BatchingEndPoint.connector(server, new HttpConnectionFactory(config), h2c)
                : new ServerConnector(server, new HttpConnectionFactory(config), h2c);
        connector.setHost(args[1]);
        connector.setPort(Integer.parseInt(args[2]));
        server.addConnector(connector);
        switch (variant) {
            case "bare" -> server.setHandler(new BareHandler(Invocable.InvocationType.NON_BLOCKING));
            case "bare-blocking" -> server.setHandler(new BareHandler(Invocable.InvocationType.BLOCKING));
            case "front", "context", "servlet" -> server.setHandler(context(variant));
            case "context-inline" -> server.setHandler(new InlineFront(context("context"), server.getThreadPool()));
            case "servlet-async" -> server.setHandler(context(variant));
            case "servlet-async-inline" -> server.setHandler(new InlineFront(context("servlet-async"), server.getThreadPool()));
            default -> {
                System.err.println("unknown variant: " + variant);
                System.exit(2);
            }
        }
        server.start();
        System.out.println("listening on " + args[1] + ":" + connector.getLocalPort() + " (" + args[0] + ": "
                + chain(server.getHandler()) + ", " + server.getInvocationType() + ")");
        server.join();
    }

    /** The handler chain as it runs after start (the context relinks its handlers), e.g. to see where ours sits. */
    private static String chain(Handler handler) {
        StringBuilder names = new StringBuilder(handler.getClass().getSimpleName());
        while (handler instanceof Handler.Singleton singleton && singleton.getHandler() != null) {
            handler = singleton.getHandler();
            names.append(" > ").append(handler.getClass().getSimpleName());
        }
        return names.toString();
    }

    /** The web application's context: sessions, security with one constraint elsewhere, the servlet. */
    private static ServletContextHandler context(String variant) {
        ServletContextHandler context = new ServletContextHandler("/",
                ServletContextHandler.SESSIONS | ServletContextHandler.SECURITY);
        ConstraintSecurityHandler security = (ConstraintSecurityHandler) context.getSecurityHandler();
        UserStore users = new UserStore();
        users.addUser("admin", Credential.getCredential("admin"), new String[] {"admin"});
        HashLoginService login = new HashLoginService("bench");
        login.setUserStore(users);
        security.setLoginService(login);
        security.setAuthenticator(new BasicAuthenticator());
        ConstraintMapping admin = new ConstraintMapping();
        admin.setPathSpec("/admin/*");
        admin.setConstraint(Constraint.from("admin"));
        security.addConstraintMapping(admin);
        if (Boolean.getBoolean("core-spike.protect")) {
            // to check that the security handler guards the in-context handler: the call itself needs a login
            ConstraintMapping call = new ConstraintMapping();
            call.setPathSpec(UnaryCall.PATH);
            call.setConstraint(Constraint.from("admin"));
            security.addConstraintMapping(call);
        }
        ServletHolder servlet = new ServletHolder(variant.equals("servlet-async") ? new AsyncUnaryServlet() : new UnaryServlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/grpc.testing.BenchmarkService/*");
        if (variant.equals("front")) {
            context.insertHandler(new InContextHandler());
        } else if (variant.equals("context")) {
            InContextHandler handler = new InContextHandler();
            handler.setHandler(context.getServletHandler());
            security.setHandler(handler);
        }
        return context;
    }
}
