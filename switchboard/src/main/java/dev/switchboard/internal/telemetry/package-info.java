/**
 * OpenTelemetry for every call, whatever its protocol: {@code CallTelemetry}, one interceptor of the chain
 * ({@code internal.chain.CallChain}) that records gRFC A66's server metrics ({@code ServerInstruments}) and one SERVER
 * span per call following OpenTelemetry's RPC semantic conventions ({@code RpcCall}), from the W3C trace context in the
 * call's metadata ({@code MetadataGetter}), and makes the span's context current in service code. {@code
 * TelemetrySource} picks the OpenTelemetry instance: the application's CDI bean, else the global one the Java agent
 * set, else none — then the interceptor is not in the chain at all.
 *
 * <p>Only the OpenTelemetry API is used here (the SDK is the application's, the agent's or the server's). Not API.
 * May use {@code internal.chain} (the call's protocol); never the transports, the gateway or the boot package
 * {@code dev.switchboard.internal} (LayoutRulesTest).
 */
package dev.switchboard.internal.telemetry;
