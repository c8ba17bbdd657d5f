/**
 * Container security on both protocols: BASIC with roles, client-certificate TLS, CLIENT-CERT login, and constraints
 * on the health and metrics endpoints.
 */
package dev.switchboard.it.security;
