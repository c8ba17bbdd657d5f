# Switchboard's h2c for Jetty 12.1 (the switchboard-jetty jar): prior knowledge only.

[description]
Cleartext HTTP/2 as the http2c module gives it, with its settings (jetty.http2c.*), except that a request asking
to upgrade from HTTP/1.1 (Upgrade: h2c, as curl --http2 and the JDK's HttpClient send on http:// addresses) is
answered over HTTP/1.1 instead: Jetty 12.1's upgrade can leave the HTTP/2 session of a client that leaves right
after its answer open in the connector for good, which holds the graceful stop until its timeout. HTTP/2 by prior
knowledge (PRI *), as every gRPC client opens it, is unchanged.

[tags]
connector
http2
switchboard

[depend]
http2c

[lib]
lib/switchboard/switchboard-jetty-[0-9]*.jar

[xml]
etc/switchboard-h2c.xml
