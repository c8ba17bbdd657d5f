/**
 * Load within bounds: calls far past the limits (saturation), clients that trickle their bodies, services that block,
 * and a bounded soak; the server's threads and heap come back afterwards.
 */
package dev.switchboard.it.load;
