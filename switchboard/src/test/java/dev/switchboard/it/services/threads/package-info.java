/**
 * What NonBlockingServiceIT deploys: services that answer with the name of the thread their code ran on — one that
 * promised never to block by its annotation, one named in the WAR's context-param, one without the promise.
 */
package dev.switchboard.it.services.threads;
