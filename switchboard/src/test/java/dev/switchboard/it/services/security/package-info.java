/** What the security tests deploy: greeters guarded by roles or reading the client certificate, and their gateway. */
package dev.switchboard.it.services.security;
