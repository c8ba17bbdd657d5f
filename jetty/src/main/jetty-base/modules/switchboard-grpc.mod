# Switchboard's Jetty-native transport for Jetty 12.1 (ee10 web applications with the switchboard library).

[description]
Lets Switchboard serve unary gRPC calls on Jetty's core API, below the servlet layer and after the web
application's security constraints and login, in every ee10 web application that has the library. Jetty
hides its own classes from web applications; this shows them exactly those the transport links against
(request, response, callback, the servlet context's handlers). Without it the servlet transports serve
every call, as before.

[tags]
switchboard

[environment]
ee10

[depend]
ee10-webapp

[ini]
jetty.webapp.addHiddenClasses+=,-org.eclipse.jetty.server.Handler,-org.eclipse.jetty.server.Request,-org.eclipse.jetty.server.Response,-org.eclipse.jetty.server.Server,-org.eclipse.jetty.util.Callback,-org.eclipse.jetty.util.thread.Invocable,-org.eclipse.jetty.io.Content,-org.eclipse.jetty.http.HttpFields,-org.eclipse.jetty.http.HttpURI,-org.eclipse.jetty.ee10.servlet.ServletContextHandler,-org.eclipse.jetty.ee10.servlet.ServletHandler,-org.eclipse.jetty.ee10.servlet.ServletContextRequest,-org.eclipse.jetty.ee10.servlet.ServletApiRequest
