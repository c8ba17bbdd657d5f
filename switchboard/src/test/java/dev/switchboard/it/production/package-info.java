/**
 * Production features on both protocols and over the dedicated port: interceptors, exception mapping, request scopes,
 * health, reflection and metrics.
 */
package dev.switchboard.it.production;
