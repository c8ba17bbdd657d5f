/**
 * Whose request it is: one WAR answering gRPC and JSON on every connector, gRPC reaching Switchboard whatever servlets
 * and filters the application maps, and JSON routes under a context path other than the root.
 */
package dev.switchboard.it.routing;
