package dev.switchboard.it.support;

import static java.util.Map.entry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.grpc.testing.integration.TestCases;

/**
 * Which of grpc-java's interop cases (every value of grpc-interop-testing's {@link TestCases}, the list
 * {@code TestServiceClient --test_case} takes) the interop suites run, and why the others are not run: each of those
 * fails against grpc-java's own Netty {@code TestServiceServer} too when the client runs at its default flags
 * ({@link dev.switchboard.it.grpc.InteropCasesOnGrpcJavaTest} shows it for every one that stays on loopback).
 */
public final class InteropCases {

    /** Why a case is not run, and how it fails against grpc-java's server ({@code null}: not tried, it would leave loopback). */
    public record NotRun(String reason, String failure) {
    }

    private static final String CREDENTIALS_FILE = "needs a Google service-account key file (--service_account_key_file; "
            + "unset by default) and a server that checks the credentials";
    private static final String GOOGLE_METADATA = "needs Google Compute Engine credentials from the GCE metadata server and "
            + "a server that checks them; not tried anywhere here, it would call Google's servers";
    private static final String PROBE = "TestServiceImpl ignores expect_compressed, so the client's feature probe (an "
            + "uncompressed message marked expect_compressed, which a server that checks it rejects) gets OK; the _noprobe "
            + "variant runs";
    private static final String ORCA = "at the client's default flags its channel uses pick_first, which passes no ORCA "
            + "load report to the test; passing needs --service_config_json selecting test_backend_metrics_load_balancer and "
            + "grpc-xds's ORCA service and interceptor in the server";

    public static final Map<String, NotRun> NOT_RUN = Map.ofEntries(
            entry("cacheable_unary", new NotRun("needs a caching proxy in front of the server (grpc-java marks the case "
                    + "itself broken); TestServiceImpl does not implement CacheableUnaryCall", "UNIMPLEMENTED")),
            entry("client_compressed_unary", new NotRun(PROBE, "expected INVALID_ARGUMENT")),
            entry("client_compressed_streaming", new NotRun(PROBE, "expected INVALID_ARGUMENT")),
            entry("service_account_creds", new NotRun(CREDENTIALS_FILE, "NullPointerException")),
            entry("jwt_token_creds", new NotRun(CREDENTIALS_FILE, "NullPointerException")),
            entry("oauth2_auth_token", new NotRun(CREDENTIALS_FILE, "NullPointerException")),
            entry("per_rpc_creds", new NotRun(CREDENTIALS_FILE, "NullPointerException")),
            entry("compute_engine_creds", new NotRun(GOOGLE_METADATA, null)),
            entry("compute_engine_channel_credentials", new NotRun(GOOGLE_METADATA, null)),
            entry("google_default_credentials", new NotRun(GOOGLE_METADATA, null)),
            entry("orca_per_rpc", new NotRun(ORCA, "but was: null")),
            entry("orca_oob", new NotRun(ORCA, "less than: 5")));

    /** Every other case, in TestCases' order. */
    public static final List<String> RUN = Arrays.stream(TestCases.values()).map(TestCases::toString)
            .filter(c -> !NOT_RUN.containsKey(c)).toList();

    private InteropCases() {
    }
}
