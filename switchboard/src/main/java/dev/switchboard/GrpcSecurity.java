package dev.switchboard;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;

import dev.switchboard.internal.chain.CallerIdentity;

/**
 * Who is calling, for service code and interceptors, on both protocols: the {@link Principal} the container
 * authenticated (BASIC, CLIENT-CERT, FORM..., per web.xml {@code <login-config>}), its roles, and the TLS client
 * certificate chain it presented. Read it on the call's thread (the gRPC {@code Context} carries it).
 *
 * <pre>{@code
 * if (!GrpcSecurity.isCallerInRole("admin")) { ... }
 * }</pre>
 *
 * <p>{@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on a service class or method are enforced by
 * Switchboard on both protocols: no principal → {@code UNAUTHENTICATED} (401), wrong role → {@code PERMISSION_DENIED}
 * (403).
 */
public final class GrpcSecurity {

    private GrpcSecurity() {
    }

    /** The authenticated caller, or null. */
    public static Principal principal() {
        return CallerIdentity.current().principal();
    }

    /** Whether the authenticated caller has {@code role}, as the container decides it; false without a caller. */
    public static boolean isCallerInRole(String role) {
        return CallerIdentity.current().isInRole(role);
    }

    /** The verified TLS client certificate chain, leaf first; empty without client-certificate TLS. */
    public static List<X509Certificate> clientCertificates() {
        return CallerIdentity.current().certificates();
    }
}
