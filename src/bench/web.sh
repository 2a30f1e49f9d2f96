#!/usr/bin/env bash
# Figure 4 of docs/PERFORMANCE.md: the web pages under wrk, on the packaged service with 10,000
# papers (five announcement days of 2,000) and 10,000 subscribers.
#
#   src/bench/web.sh [--db postgresql|h2] [--duration 30s] [--runs 3]
#
# Builds the service with the bench-web profile (the service plus a bare Qute page listing 25
# rows at /bench/bare, the yardstick), starts it on a fresh database (PostgreSQL: database
# paper_digest_web on 127.0.0.1:5432, trust auth; H2: a file under target/benchmark), loads the
# papers and subscribers through the admin API, warms every page up, then per run measures with
# `wrk -t2 -c50 --latency`: the bare page and `/` flat out, `/` paced at 500 requests a second
# (src/bench/web/paced.lua: random waits, so that the 50 connections do not send in step),
# `/subscribe`, the live preview (keyword, author and category queries of the workload, cycled)
# and the sign-up POST paced at 100 a second, its confirmation email handed to Postfix's
# smtp-sink on a loopback port as a real SMTP server would take it (the POST answers once the
# server accepted the email). Installs wrk and Postfix (for smtp-sink) with apt-get if missing.
# Results: printed, and appended to target/benchmark/web.md. WEB_JVM_OPTS adds options to the
# service's JVM (a GC log, a JFR recording); WEB_HOLD=S keeps the service up S seconds afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=postgresql duration=30s runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

out=target/benchmark
mkdir -p "$out"
report=$out/web.md
port=18190 password=bench smtp_port=2526
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if ! command -v smtp-sink >/dev/null; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi

echo "== building the service (with the bare page) for $db, and the workload"
./mvnw -B -q -DskipTests -Pbench-web package -Dquarkus.datasource.db-kind="$db"
rm -rf "$out/app-web-$db" && cp -r target/quarkus-app "$out/app-web-$db"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
[ -s "$out/papers.jsonl" ] && [ -s "$out/subscribers-10000.jsonl" ] || \
  java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
    dev.paperdigest.matching.WorkloadFiles 10000 "$out"
# five days of the day's 2,000 papers, each copy with its own id, announced on the five days up to today
python3 - "$out" <<'PY'
import datetime, json, sys, urllib.parse
folder = sys.argv[1]
today = datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
papers = [json.loads(line) for line in open(f"{folder}/papers.jsonl")]
with open(f"{folder}/papers-5-days.jsonl", "w") as out:
    for day in range(5):
        listed = today - datetime.timedelta(days=day)
        published = (listed - datetime.timedelta(hours=12)).isoformat().replace("+00:00", "Z")
        for i, paper in enumerate(papers):
            copy = dict(paper, arxiv_id=f"2612.{day * 2000 + i:05d}", published=published,
                        listed_on=listed.date().isoformat(), upvotes=(i * 7) % 50 if i % 10 == 0 else None)
            out.write(json.dumps(copy) + "\n")
# the preview's queries: what the workload's subscribers follow, one form a line
queries = []
for n, line in enumerate(open(f"{folder}/subscribers-10000.jsonl")):
    person = json.loads(line)
    for field in ("keywords", "authors", "categories"):
        for q in person.get(field, []):
            queries.append(f"/subscribe/preview?{field}=" + urllib.parse.quote(q))
    if len(queries) > 2000:
        break
open(f"{folder}/preview-paths.txt", "w").write("\n".join(queries) + "\n")
PY

pid= sink=
cleanup() { for p in $pid $sink; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
smtp-sink -u nobody 127.0.0.1:$smtp_port 1024 &
sink=$!
case "$db" in
  postgresql)
    psql -h 127.0.0.1 -U postgres -qtA -c "DROP DATABASE IF EXISTS paper_digest_web WITH (FORCE)" -c "CREATE DATABASE paper_digest_web"
    url=jdbc:postgresql://127.0.0.1:5432/paper_digest_web ;;
  h2)
    rm -rf "$out/web-h2" && mkdir -p "$out/web-h2"
    url="jdbc:h2:file:$(pwd)/$out/web-h2/paper-digest;DB_CLOSE_ON_EXIT=FALSE" ;;
esac
QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_JDBC_URL="$url" QUARKUS_DATASOURCE_USERNAME=postgres \
  DIGEST_ADMIN_PASSWORD=$password DIGEST_DEMO_DATA=false DIGEST_SOURCES_HF_ENABLED=false \
  DIGEST_SOURCES_ARXIV_ENABLED=false DIGEST_DELIVERY_CRON=off DIGEST_LIMITS_SUBSCRIBE_PER_IP_PER_HOUR=100000000 DIGEST_LIMITS_PREVIEWS_PER_IP_PER_MINUTE=100000000 \
  QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$smtp_port QUARKUS_MAILER_START_TLS=DISABLED \
  java -Xmx1g ${WEB_JVM_OPTS:-} -jar "$out/app-web-$db/quarkus-run.jar" > "$out/web-service.log" 2>&1 &
pid=$!
base=http://127.0.0.1:$port
until curl -sf -o /dev/null "$base/q/health/ready"; do kill -0 $pid || { cat "$out/web-service.log"; exit 1; }; sleep 0.2; done

echo "== loading 10,000 papers and 10,000 subscribers"
curl -sf -u admin:$password -H 'Content-Type: application/x-ndjson' --data-binary @"$out/papers-5-days.jsonl" "$base/api/admin/papers/import" >/dev/null
curl -sf -u admin:$password -H 'Content-Type: application/x-ndjson' --data-binary @"$out/subscribers-10000.jsonl" "$base/api/admin/subscribers/import?preconfirmed=true" >/dev/null

lua=src/bench/web
bench() { # name, wrk arguments…: prints "name | requests/s | p50 | p99"
  local name=$1; shift
  local result
  result=$(wrk -t2 -c50 -d"$duration" --latency "$@")
  local rps p50 p99 errors
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$result" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
  echo "| $name | $rps | $p50 | $p99 | ${errors:-none} |"
}

echo "== warming up"
for path in /bench/bare / /subscribe; do wrk -t2 -c20 -d10s "$base$path" >/dev/null; done
wrk -t2 -c20 -d10s -s $lua/paced.lua "$base" -- 0 "$out/preview-paths.txt" >/dev/null
# the sign-up path is long (validation, two transactions, a template, an SMTP session): it takes
# the JIT a few thousand posts to compile it, as it would in the first minutes of a deployment
wrk -t2 -c20 -d30s -s $lua/subscribe.lua "$base" -- 100 >/dev/null

{
  echo
  echo "### $(date -u +%F) $(git rev-parse --short HEAD), $db, $(nproc) cores, wrk -t2 -c50 -d$duration"
  echo
  echo "| page | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
} | tee -a "$report"
for run in $(seq 1 "$runs"); do
  bench "bare Qute page, flat out (run $run)" "$base/bench/bare" | tee -a "$report"
  bench "/ flat out (run $run)" "$base/" | tee -a "$report"
  bench "/ paced at 500/s (run $run)" -s $lua/paced.lua "$base/" -- 100 "" 25 | tee -a "$report"
  bench "/subscribe flat out (run $run)" "$base/subscribe" | tee -a "$report"
  bench "preview, workload queries, paced at 100/s (run $run)" -s $lua/paced.lua "$base" -- 500 "$out/preview-paths.txt" 25 | tee -a "$report"
  bench "preview, workload queries, flat out (run $run)" -s $lua/paced.lua "$base" -- 0 "$out/preview-paths.txt" | tee -a "$report"
  bench "sign-up POST paced at 100/s (run $run)" -s $lua/subscribe.lua "$base" -- 500 25 | tee -a "$report"
done
if [ -n "${WEB_HOLD:-}" ]; then
  echo "== the service stays up on $base for $WEB_HOLD seconds (WEB_HOLD)"
  sleep "$WEB_HOLD"
fi
