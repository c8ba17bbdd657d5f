# Switchboard's authenticators for Jetty 12.1 (the switchboard-jetty jar).

[description]
Jetty's BASIC authenticator, except that its 401 goes through the web application's error pages (as Jetty's
403s do), so Switchboard answers unauthenticated JSON callers with its JSON error body and gRPC callers with
UNAUTHENTICATED. Every other login method stays Jetty's. Applies to every web application that sets no
authenticator factory of its own.

[tags]
security

[depend]
security

[lib]
lib/switchboard/switchboard-jetty-[0-9]*.jar
