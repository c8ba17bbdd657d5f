# Shell functions bench/run and bench/compare share (sourced; needs $PY, a python3).

free_port() {
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A port offset for a WildFly under which all of its default ports (http 8080, https 8443, management 9990/9993,
# ajp 8009, transactions 4712/4713) are free.
wildfly_offset() {
  "$PY" - <<'PYEOF'
import random, socket
for _ in range(50):
    off = random.randrange(20000, 50000)
    try:
        for base in (8080, 8443, 9990, 9993, 8009, 4712, 4713):
            s = socket.socket(); s.bind(("127.0.0.1", base + off)); s.close()
    except OSError:
        continue
    print(off); break
PYEOF
}

# wildfly_home DIST WAR HOME: a fresh copy of the WildFly the build provisioned at HOME, WAR deployed as ROOT.war.
# The tests turn Switchboard's access log on (FINE, to a file, flushed per line: ProductionFeaturesIT reads it); B runs
# without it, so a benchmarked WildFly does too (it was ~19% of W's CPU for a small JSON call).
wildfly_home() {
  local dist="${1%/}" war="$2" home="$3"
  rm -rf "$home"; cp -r "$dist" "$home"; rm -rf "$home"/standalone/{data,tmp,log}
  cp "$war" "$home/standalone/deployments/ROOT.war"
  "$PY" - "$home/standalone/configuration/standalone-switchboard.xml" <<'PYEOF'
import re, sys
path = sys.argv[1]; xml = open(path).read()
xml, n = re.subn(r'(<logger category="dev\.switchboard\.access"[^>]*>\s*<level name=")FINE', r'\1INFO', xml)
if n != 1: sys.exit("bench: could not turn the access log off in " + path)
open(path, "w").write(xml)
PYEOF
}
