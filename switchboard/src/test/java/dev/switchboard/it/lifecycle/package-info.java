/**
 * Switchboard's life with the servlet context: deploy, undeploy with calls in flight, redeploy, deployments that fail
 * with a message naming the fix, and Weld's request contexts.
 */
package dev.switchboard.it.lifecycle;
