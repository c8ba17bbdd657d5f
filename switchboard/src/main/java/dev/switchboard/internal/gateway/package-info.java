/**
 * The JSON/HTTP gateway: gRPC methods called over plain HTTP with JSON, {@code application/proto} or the Connect
 * protocol. {@code GatewayEntrance} is the entry (parsing checks, admission), {@code GatewayDispatcher} turns a
 * request into a call (configured by {@code GatewaySettings}): {@code ContentNegotiation} picks the request's and
 * response's formats, {@code CallStarter} starts the call (deadline, attributes, reset watching, executor);
 * {@code Routes} finds the method under a gateway's path, {@code MethodPaths} a Connect request at the method's own
 * path (every served service), {@code QueryParameters} and {@code HttpMetadata} turn the request into a message
 * and metadata, {@code BodyReader} and
 * {@code StreamedBodyReader} read bodies without blocking, {@code AsyncCycle} holds the request's asynchronous cycle,
 * {@code Timeouts} reads the call's timeout;
 * {@code GatewayCall} is one call over plain HTTP, answered by {@code CallResponses}, {@code ResponseWire} or
 * {@code StreamWriter};
 * {@code HttpStatusMapping} and {@code GatewayErrors} give errors their status and JSON body. The methods'
 * {@code google.api.http} rules: {@code HttpRules} (read at startup; each served binding an {@code HttpRuleRoute}),
 * {@code RuleRequests} with {@code PathFields} and {@code DirectValues} (the request message from path, query and body;
 * plain values set through the descriptors, {@code FieldText}) and
 * {@code ResponseFieldCodec} ({@code response_body}); their templates are matched in {@code internal.gateway.httprule}.
 * Codecs and framing are in {@code internal.gateway.codec}.
 *
 * <p>Not API. Does not import {@code internal.grpc} (nor that one this), so that the two protocols stay apart; it may
 * use the public API, {@code internal.cdi}, {@code internal.chain} and {@code internal.container}, never the boot
 * package {@code dev.switchboard.internal} nor Netty (LayoutRulesTest).
 */
package dev.switchboard.internal.gateway;
