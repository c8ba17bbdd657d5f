/**
 * What the production-feature tests deploy: global and per-service interceptors, an exception mapper, request-scoped
 * beans, a validating greeter, a gateway, and servlets that act as the application (flipping health, reading the
 * readiness checks).
 */
package dev.switchboard.it.services.production;
