/** The JSON/HTTP gateway: Connect, GET, metadata, deadlines, streaming, its settings and limits, and a real browser. */
package dev.switchboard.it.gateway;
