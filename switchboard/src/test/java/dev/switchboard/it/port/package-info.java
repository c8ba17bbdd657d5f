/** The dedicated gRPC port: its lifecycle, the interop cases over it, its own TLS and client certificates. */
package dev.switchboard.it.port;
