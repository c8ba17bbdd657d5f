/** Container tests of OpenTelemetry: A66 metrics and spans on every protocol, a trace across protocols, off. */
package dev.switchboard.it.telemetry;
