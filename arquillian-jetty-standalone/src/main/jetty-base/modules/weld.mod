# DO NOT EDIT - generated from arquillian-jetty-standalone/src/main/jetty-base by the Switchboard build.

[description]
Weld (CDI 4.0, weld-servlet-core) for every ee10 web application, from the server:
the container provides CDI, as an application server does, so WARs carry no CDI implementation.
Jetty finds Weld's ServletContainerInitializer on the ee10 environment class path (ee10-annotations).

[environment]
ee10

[depend]
ee10-annotations
ee10-deploy

[lib]
lib/weld/*.jar
