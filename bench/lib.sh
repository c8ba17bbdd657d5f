# Shell functions bench/run, bench/compare and bench/core-spike share (sourced; needs $PY, a python3; async_profiler
# needs $BENCH and $ROOT).

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

# h2load's output on stdin -> "QPS ERRORS" (failed requests and 4xx/5xx)
h2load_result() { awk '/^finished in/ {q=$4} /^status codes:/ {b=$7+$9} /^requests:/ {f=$10+$12} END {printf "%d %d\n", q, f+b}'; }

# cpu_ticks PID: user + system CPU of the process so far, in clock ticks (getconf CLK_TCK per second)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# async_profiler: the path of libasyncProfiler.so (Maven Central's tools.profiler:async-profiler:4.2, linux-x64),
# fetched into bench/target/ once. Extra Maven arguments (e.g. -Dmaven.repo.local=...) from $BENCH_MVN_ARGS.
async_profiler() {
  local lib="$BENCH/target/async-profiler/linux-x64/libasyncProfiler.so"
  if [ ! -f "$lib" ]; then
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -N dependency:copy \
      -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64 -DoutputDirectory="$BENCH/target/async-profiler") >/dev/null
    (cd "$BENCH/target/async-profiler" && unzip -o -q async-profiler-4.2-linux-x64.jar 'linux-x64/*')
  fi
  echo "$lib"
}
