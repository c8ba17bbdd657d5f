# Switchboard's front for Jetty 12.1 (the switchboard-jetty jar): unary gRPC on the thread that parsed it,
# and the answers of one read in one write. What the embedded Jetty has, on a distribution.

[description]
Serves native gRPC requests (application/grpc) on the thread that parsed them instead of handing each to
another pool thread, in web applications whose Switchboard serves them on Jetty's core API (module
switchboard-grpc): everything else is handed to the server's pool as before. The plaintext connector's
endpoints, and the TLS connector's decryption, send the answers to the requests of one read in one write.
Brings its own deployer (in place of deployer-standard), which adds every web application in a wrapper that
keeps the server non-blocking. Login services and session stores that wait (a database, a directory) would
wait on the parsing thread: do not enable this module with those.

[tags]
switchboard
connector
deployment

[provides]
deployer

[depend]
server
http
switchboard-grpc

[after]
ssl

[before]
http2c
switchboard-h2c
https
alpn
http2
deployment-scanner

[lib]
lib/jetty-deploy-${jetty.version}.jar
lib/switchboard/switchboard-jetty-[0-9]*.jar

[xml]
etc/switchboard-front.xml
