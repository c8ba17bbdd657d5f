/**
 * The path templates of {@code google.api.http} rules ({@code HttpRule}, {@code google/api/http.proto}) and the table
 * that finds a request's rule: {@code PathTemplate} (the template syntax, matching a request path, binding its
 * variables with the spec's percent-decoding, {@code PathDecoding}) and {@code RuleTable} (rules by HTTP method and
 * template: the most specific match wins — a literal segment over a variable, a single-segment wildcard over
 * {@code **} — and two identical rules are refused, naming both owners).
 *
 * <p>Not API. Pure text matching: this package imports nothing of Switchboard, nor servlets or protobuf
 * (LayoutRulesTest); the gateway reads the rules from the service descriptors and turns a match into a call.
 */
package dev.switchboard.internal.gateway.httprule;
