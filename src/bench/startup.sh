#!/usr/bin/env bash
# Start-up of docs/PERFORMANCE.md: from `java -jar` to the first 200 of /q/health/ready, on the
# packaged service (H2) with an existing database (the demo papers already loaded by a first
# start that is not counted), R times, with the JVM options given.
#
#   src/bench/startup.sh [--db h2|postgresql] [--runs R] [--java /path/to/bin/java] [--no-build] [--aot-cache] [-- JVM options…]
#
# --db postgresql: the build for PostgreSQL (what replicas run), on database paper_digest_startup
# of the machine's server (127.0.0.1:5432, trust auth), created afresh; with --no-build,
# target/quarkus-app must hold that build.
#
# --aot-cache (a JDK of 25 or later, JEP 483/514/515): the first start, which is not counted, is
# also a training run (-XX:AOTCacheOutput) that serves the pages and health checks once; the
# counted starts then use the cache it wrote (-XX:AOTCache).
#
# Prints one line per start (ready after, Quarkus' "started in", RSS when ready) and the median;
# appends them to target/benchmark/startup.md. Run it on a quiet machine: on 2 cores a build
# running beside it doubles the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=5 java=java build=1 aot=0 db=h2 jvm=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --java) java=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --aot-cache) aot=1; shift ;;
    --db) db=$2; shift 2 ;;
    --) shift; jvm=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

out=target/benchmark
work=$(pwd)/$out/startup
mkdir -p "$work"
if [ "$build" = 1 ]; then
  ./mvnw -B -q -DskipTests package -Dquarkus.datasource.db-kind="$db"
fi
database=()
if [ "$db" = postgresql ]; then
  psql -h 127.0.0.1 -U postgres -qtA -c "DROP DATABASE IF EXISTS paper_digest_startup WITH (FORCE)" \
    -c "CREATE DATABASE paper_digest_startup" >/dev/null
  database=(QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/paper_digest_startup QUARKUS_DATASOURCE_USERNAME=postgres)
fi
app=$(pwd)/target/quarkus-app/quarkus-run.jar
port=18181

start() { # [extra JVM options…]; prints: ready-ms started-in rss-MiB
  local log=$work/service.log begin now pid
  begin=$(date +%s%N)
  (cd "$work" && exec env "${database[@]}" QUARKUS_HTTP_PORT=$port DIGEST_SOURCES_HF_ENABLED=false DIGEST_SOURCES_ARXIV_ENABLED=false \
    "$java" "${jvm[@]}" "$@" -jar "$app" >"$log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.02
  done
  now=$(date +%s%N)
  if [ "${training:-0}" = 1 ]; then
    for path in / /subscribe "/subscribe/preview?keywords=diffusion" /q/health /q/metrics; do
      curl -s -o /dev/null "http://127.0.0.1:$port$path"
    done
  fi
  local java_pid rss
  java_pid=$(pgrep -f -n "quarkus-run.jar" || true)
  rss=$(( $(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status" 2>/dev/null || echo 0) / 1024 ))
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local started
  started=$(grep -o 'started in [0-9.]*s' "$log" | grep -o '[0-9.]*' || echo "?")
  echo "$(( (now - begin) / 1000000 )) $started $rss"
}

echo "== first start: creates the database and loads the demo papers (not counted)"
rm -rf "$work/data"
if [ "$aot" = 1 ]; then
  rm -f "$work/app.aot"
  training=1 start -XX:AOTCacheOutput="$work/app.aot" >/dev/null
  [ -s "$work/app.aot" ] || { echo "no AOT cache written" >&2; exit 1; }
  jvm+=(-XX:AOTCache="$work/app.aot")
else
  start >/dev/null
fi

echo "== $runs starts, JVM options: ${jvm[*]:-(none)}"
results=()
for i in $(seq 1 "$runs"); do
  read -r ready started rss < <(start)
  printf '  start %d: ready after %d ms (Quarkus: started in %s s), RSS %d MiB\n' "$i" "$ready" "$started" "$rss"
  results+=("$ready")
done
median=$(printf '%s\n' "${results[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
min=$(printf '%s\n' "${results[@]}" | sort -n | head -1)
echo "== median ready after $median ms (fastest $min ms) over $runs starts"
printf '| %s | %s | %s | %s | %s ms | %s ms |\n' "$(date -u +%F)" "$(git rev-parse --short HEAD)" "$db" \
  "${jvm[*]:-(none)} $("$java" -version 2>&1 | head -1)" "$median" "$min" >> "$out/startup.md"
