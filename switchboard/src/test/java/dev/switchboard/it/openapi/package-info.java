/**
 * The OpenAPI document of the JSON routes: validated by two independent validators, its settings, security
 * constraints over it, and the try-it page in a real browser.
 */
package dev.switchboard.it.openapi;
