/**
 * The API description: an OpenAPI 3.1 document of the JSON routes Switchboard serves, generated at deployment from the
 * services' descriptors, served at {@code {base-path}/openapi.json}, and the try-it page (Swagger UI) at
 * {@code {base-path}/docs}. {@code ApiRoutes} lists what is served as {@code ApiRoute}s (one HTTP method at one path);
 * {@code OpenApiDocument} turns that list into the document, with {@code MessageSchemas} (proto3 JSON as JSON Schema)
 * and {@code QueryParameterList} (a message as the query parameters of a GET); {@code OpenApiEndpoint} serves it and
 * the page ({@code SwaggerUiFiles}), as {@code OpenApiSettings} says.
 *
 * <p>A new kind of route (such as {@code google.api.http} bindings) is one more producer of {@code ApiRoute}s in
 * {@code ApiRoutes}, with its own {@code ApiRoute.RequestForm} if its request is read differently.
 *
 * <p>Not API. Reads the gateway's routes ({@code internal.gateway}); never imports {@code internal.grpc}, the boot
 * package or Netty (LayoutRulesTest).
 */
package dev.switchboard.internal.openapi;
