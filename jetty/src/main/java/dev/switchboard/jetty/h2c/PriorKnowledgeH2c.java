package dev.switchboard.jetty.h2c;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.annotation.Name;

/**
 * h2c by prior knowledge only ({@code PRI * HTTP/2.0}, as gRPC clients and {@code curl --http2-prior-knowledge} open
 * it); a request that asks to upgrade from HTTP/1.1 ({@code Upgrade: h2c}, as the JDK's {@code HttpClient} and
 * {@code curl --http2} do on an {@code http://} address) is answered over HTTP/1.1, as the upgrade allows.
 * <p>
 * Why: Jetty 12.1.14's upgrade can leave the HTTP/2 session of a client that leaves right after its answer in the
 * connector's session container for good — its endpoint closed, the session CLOSED or CLOSING with a
 * {@code ClosedChannelException}, no streams — so a graceful stop waits for it until its timeout, and it stays on the
 * heap (measured: 1 to 5 of 40–150 sequential {@code curl --http2} requests, with or without Switchboard's front and
 * batching). The upgrade hands the upgraded request on while the new connection is being
 * opened, which is where the container's bookkeeping can miss a close. RFC 9113 (section 3.1) deprecates the upgrade;
 * no gRPC client uses it.
 * <p>
 * Used by {@code switchboard-arquillian-jetty}'s embedded Jetty; on a Jetty distribution the module {@code
 * switchboard-h2c} (src/main/jetty-base) puts it in place of the {@code http2c} module's factory, with that module's
 * settings.
 */
public final class PriorKnowledgeH2c extends HTTP2CServerConnectionFactory {

    public PriorKnowledgeH2c(@Name("config") HttpConfiguration config) {
        super(config);
    }

    @Override
    public Connection upgradeConnection(Connector connector, EndPoint endPoint, MetaData.Request request,
            HttpFields.Mutable response101) {
        // Jetty's HTTP/1.1 connection hands the prior-knowledge preface here too, as a PRI request.
        if (!"PRI".equals(request.getMethod())) {
            return null;
        }
        return super.upgradeConnection(connector, endPoint, request, response101);
    }
}
