# DO NOT EDIT - generated from arquillian-jetty-standalone/src/main/jetty-base by the Switchboard build.

[description]
A HashLoginService for web.xml security constraints: the realm "switchboard" (web.xml
<realm-name>), with its users and roles in etc/switchboard-realm.properties. A login service that
is a server bean serves every web application whose <login-config> names its realm.

[depend]
security

[xml]
etc/switchboard-realm.xml

[ini-template]
## the realm's name, as web.xml's <login-config><realm-name> says it
# switchboard.realm.name=switchboard
## users: name: password,role,role (Jetty's HashLoginService format)
# switchboard.realm.config=etc/switchboard-realm.properties
