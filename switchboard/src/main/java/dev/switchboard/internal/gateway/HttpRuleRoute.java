package dev.switchboard.internal.gateway;

import dev.switchboard.internal.gateway.httprule.PathTemplate;

import com.google.protobuf.Descriptors;

import dev.switchboard.GrpcGateway;

/**
 * One route of a {@code google.api.http} rule, as served: what a listing of the REST API (an OpenAPI document) needs.
 * Every binding of a rule — the rule itself and each of its {@code additional_bindings} — is a route of its own.
 *
 * @param httpMethod   upper case ({@code GET}, ..., a custom kind such as {@code MOVE}), or {@code *} for any
 * @param path         the path below the context path: the base path, then the rule's template
 * @param template     the rule's template ({@link PathTemplate#fieldPaths()} are the path's fields)
 * @param method       the gRPC method, with its request and response types
 * @param body         the rule's {@code body}: empty (no body; every other field from the query string), {@code *}
 *                     (every field not in the path), or a top-level field's name
 * @param responseBody the rule's {@code response_body}: empty (the whole response message) or a top-level field's name
 * @param gateway      the gateway whose settings apply (its {@code httpMethods} limit among them)
 */
public record HttpRuleRoute(String httpMethod, String path, PathTemplate template, Descriptors.MethodDescriptor method,
        String body, String responseBody, GrpcGateway gateway) {
}
