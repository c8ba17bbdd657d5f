package dev.switchboard.internal.chain;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.grpc.Context;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What the container knows of the caller of one call, captured from its HTTP request: the principal, a role check
 * (the request's own {@code isUserInRole}, so the container's role mapping applies) and the client certificates.
 * Public only for {@link dev.switchboard.GrpcSecurity}.
 */
public record CallerIdentity(Principal principal, Predicate<String> roles, List<X509Certificate> certificates) {

    static final Context.Key<CallerIdentity> KEY = Context.key("switchboard.caller");
    static final CallerIdentity ANONYMOUS = new CallerIdentity(null, role -> false, List.of());

    /** The caller of the current call; anonymous outside calls. */
    public static CallerIdentity current() {
        CallerIdentity identity = KEY.get();
        return identity == null ? ANONYMOUS : identity;
    }

    public boolean isInRole(String role) {
        return principal != null && roles.test(role);
    }

    /** The identity of a request, or null when it has neither a principal nor client certificates. */
    public static CallerIdentity of(HttpServletRequest req) {
        Principal principal = req.getUserPrincipal();
        Object certs = req.getAttribute("jakarta.servlet.request.X509Certificate");
        List<X509Certificate> certificates = certs instanceof X509Certificate[] chain ? List.of(chain) : List.of();
        if (principal == null && certificates.isEmpty()) {
            return null;
        }
        return new CallerIdentity(principal, req::isUserInRole, certificates);
    }

    /**
     * The identity of a TLS connection without a container in front (the dedicated gRPC port): the verified client
     * certificate chain and no principal, so no roles; null without a client certificate.
     */
    public static CallerIdentity of(SSLSession session) {
        if (session == null) {
            return null;
        }
        Certificate[] peer;
        try {
            peer = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : peer) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return certificates.isEmpty() ? null : new CallerIdentity(null, role -> false, List.copyOf(certificates));
    }
}
