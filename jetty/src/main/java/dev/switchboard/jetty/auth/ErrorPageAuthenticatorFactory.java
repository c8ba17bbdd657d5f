package dev.switchboard.jetty.auth;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.security.AuthenticationState;
import org.eclipse.jetty.security.Authenticator;
import org.eclipse.jetty.security.DefaultAuthenticatorFactory;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.SslClientCertAuthenticator;
import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty's authenticators, except that a BASIC challenge (401) goes through the web application's error pages, as the
 * Servlet specification has it and as Jetty already does for its 403s, so Switchboard's web-fragment error pages turn
 * it into a gRPC status and a JSON error body. Jetty 12.1's {@link BasicAuthenticator} writes its 401 with
 * {@code Response.writeError}, below the servlet layer, so no {@code <error-page>} ever sees it;
 * {@link AuthenticationState#writeError} is the form that serves the error through the servlet layer (what
 * {@link SslClientCertAuthenticator} and the SecurityHandler's own 403 use).
 *
 * <p>On a Jetty distribution this is a service ({@code META-INF/services}): Jetty's SecurityHandler asks the
 * {@link Authenticator.Factory} services on the server class path before its own {@link DefaultAuthenticatorFactory},
 * for every web application that sets no factory of its own. The module file {@code switchboard-auth.mod} puts this jar
 * there. Embedded servers set it on a context's security handler, optionally with their TLS connector's factory.
 */
public final class ErrorPageAuthenticatorFactory implements Authenticator.Factory {

    private final DefaultAuthenticatorFactory defaults = new DefaultAuthenticatorFactory();
    private final SslContextFactory.Server tls;

    /** The service: CLIENT-CERT (and everything but BASIC) as Jetty's default factory makes it. */
    public ErrorPageAuthenticatorFactory() {
        this(null);
    }

    /**
     * {@code tls}: the TLS connector's, for CLIENT-CERT when it is not a server bean (where Jetty's default factory
     * looks for it), as on an embedded server; null = Jetty's default.
     */
    public ErrorPageAuthenticatorFactory(SslContextFactory.Server tls) {
        this.tls = tls;
    }

    @Override
    public Authenticator getAuthenticator(Server server, Context context, Authenticator.Configuration configuration) {
        String method = configuration.getAuthenticationType();
        if (Authenticator.BASIC_AUTH.equalsIgnoreCase(method)) {
            return new ChallengeThroughErrorPages();
        }
        boolean clientCert = Authenticator.CERT_AUTH2.equalsIgnoreCase(method) || Authenticator.CERT_AUTH.equalsIgnoreCase(method);
        if (clientCert && tls != null) {
            SslClientCertAuthenticator certificates = new SslClientCertAuthenticator(tls);
            // The TLS handshake has verified the chain against the trust store already; Jetty's second check
            // wants the trust store as a file, and an embedded server's may be a KeyStore object.
            certificates.setValidateCerts(false);
            return certificates;
        }
        return defaults.getAuthenticator(server, context, configuration);
    }

    /** BASIC whose challenge is a servlet error (error pages apply); the WWW-Authenticate header stays on it. */
    private static final class ChallengeThroughErrorPages extends BasicAuthenticator {

        @Override
        public AuthenticationState validateRequest(Request req, Response res, Callback callback) {
            String[] credentials = credentials(req.getHeaders().get(HttpHeader.AUTHORIZATION));
            if (credentials != null) {
                UserIdentity user = login(credentials[0], credentials[1], req, res);
                if (user != null) {
                    return new UserAuthenticationSucceeded(getAuthenticationType(), user);
                }
            }
            if (res.isCommitted()) {
                return null;
            }
            Charset charset = getCharset();
            res.getHeaders().put(HttpHeader.WWW_AUTHENTICATE.asString(), "Basic realm=\"" + getLoginService().getName() + "\""
                    + (charset == null ? "" : ", charset=\"" + charset.name() + "\""));
            AuthenticationState state = AuthenticationState.writeError(req, res, callback, HttpStatus.UNAUTHORIZED_401);
            return state != null ? state : AuthenticationState.CHALLENGE;
        }

        /** user and password of an {@code Authorization: Basic ...} header, or null. */
        private String[] credentials(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
            Charset charset = getCharset() == null ? StandardCharsets.ISO_8859_1 : getCharset();
            String pair = new String(decoded, charset);
            int colon = pair.indexOf(':');
            return colon <= 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
        }
    }
}
