#!/usr/bin/env bash
# Figure 2 of docs/PERFORMANCE.md: a digest run end to end, from "the day's papers are stored" to
# "every due digest has been accepted by a local SMTP sink", on the packaged service.
#
#   src/bench/digest-run.sh [--db postgresql|h2] [--subscribers N] [--replicas 1|2] [--runs R] [--heap 1g]
#
# Each run: a fresh database (PostgreSQL: database paper_digest_bench on 127.0.0.1:5432, trust
# auth; H2: a file under target/benchmark), the day's 2,000 papers imported, N subscribers loaded
# through POST /api/admin/subscribers/import (timed too), one digest run for everyone, Postfix's
# smtp-sink as the SMTP server; then smtp-source's raw rate into the same sink for messages of the
# digests' mean size. Installs Postfix (for smtp-sink/smtp-source) with apt-get if missing.
# Results: printed, and appended to target/benchmark/digest-run.md. BENCH_JVM_OPTS adds JVM options
# to the service (a profiler, say).
set -euo pipefail
cd "$(dirname "$0")/../.."

db=postgresql subscribers=100000 replicas=1 runs=1 heap=1g
while [ $# -gt 0 ]; do
  case "$1" in
    --db) db=$2; shift 2 ;;
    --subscribers) subscribers=$2; shift 2 ;;
    --replicas) replicas=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$db" = h2 ] && [ "$replicas" != 1 ] && { echo "H2 is embedded: one process only" >&2; exit 2; }

out=target/benchmark
mkdir -p "$out"
report=$out/digest-run.md
smtp_port=2525 base_port=18180 password=bench
pg=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA)

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postfix >/dev/null
fi

echo "== building the service for $db and the workload for $subscribers subscribers"
./mvnw -B -q -DskipTests package -Dquarkus.datasource.db-kind="$db"
rm -rf "$out/app-$db" && cp -r target/quarkus-app "$out/app-$db"
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
[ -s "$out/papers.jsonl" ] && [ -s "$out/subscribers-$subscribers.jsonl" ] || \
  java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
    dev.paperdigest.matching.WorkloadFiles "$subscribers" "$out"
matches=$(cat "$out/matches-$subscribers.txt")

pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

smtp-sink -u nobody 127.0.0.1:$smtp_port 1024 &
pids+=($!)
sleep 1

admin() { curl -sS -u admin:$password "$@"; }
# CPU seconds (user + system) the given processes have used so far
cpu_of() { local t=0 v; for p in "$@"; do v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null) && [ -n "$v" ] && t=$((t + v)); done; echo "scale=1; $t / $(getconf CLK_TCK)" | bc; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

for run in $(seq 1 "$runs"); do
  echo "== run $run of $runs: $subscribers subscribers, $db, $replicas process(es), -Xmx$heap"
  if [ "$db" = postgresql ]; then
    "${pg[@]}" -d postgres -c "DROP DATABASE IF EXISTS paper_digest_bench WITH (FORCE)" -c "CREATE DATABASE paper_digest_bench"
    url=jdbc:postgresql://127.0.0.1:5432/paper_digest_bench
  else
    rm -rf "$out/h2" && mkdir -p "$out/h2"
    url="jdbc:h2:file:$PWD/$out/h2/paper-digest"
  fi
  service_pids=()
  for r in $(seq 1 "$replicas"); do
    port=$((base_port + r))
    env QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_JDBC_URL="$url" QUARKUS_DATASOURCE_USERNAME=$([ "$db" = h2 ] && echo sa || echo postgres) \
      QUARKUS_DATASOURCE_PASSWORD= DIGEST_ADMIN_PASSWORD=$password DIGEST_DEMO_DATA=false \
      DIGEST_SOURCES_HF_ENABLED=false DIGEST_SOURCES_ARXIV_ENABLED=false DIGEST_DELIVERY_CRON=off DIGEST_DELIVERY_POLL=2s \
      QUARKUS_MAILER_MOCK=false QUARKUS_MAILER_HOST=127.0.0.1 QUARKUS_MAILER_PORT=$smtp_port QUARKUS_MAILER_START_TLS=DISABLED \
      java -Xmx"$heap" ${BENCH_JVM_OPTS:-} -jar "$out/app-$db/quarkus-run.jar" > "$out/service-$r.log" 2>&1 &
    service_pids+=($!); pids+=($!)
  done
  for r in $(seq 1 "$replicas"); do
    until curl -sf "http://127.0.0.1:$((base_port + r))/q/health/ready" >/dev/null; do sleep 0.5; done
  done
  api=http://127.0.0.1:$((base_port + 1))/api/admin

  admin -H 'Content-Type: application/x-ndjson' --data-binary @"$out/papers.jsonl" "$api/papers/import" >/dev/null
  t0=$(date +%s.%N)
  imported=$(admin -H 'Content-Type: application/x-ndjson' --data-binary @"$out/subscribers-$subscribers.jsonl" \
    "$api/subscribers/import?preconfirmed=true" | json "['created']")
  import_s=$(echo "$(date +%s.%N) - $t0" | bc)

  # peak used heap (the service's own metrics: launching jstat twice a second cost a good part of
  # a core) and peak RSS of every process, sampled every second
  : > "$out/samples.txt"
  ( while true; do for r in $(seq 1 "$replicas"); do
      p=${service_pids[$((r - 1))]}
      heap_kib=$(curl -s "http://127.0.0.1:$((base_port + r))/q/metrics" \
        | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%d", s / 1024}')
      rss_kib=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null)
      echo "$p ${heap_kib:-0} ${rss_kib:-0}" >> "$out/samples.txt"
    done; sleep 1; done ) &
  sampler=$!; pids+=($sampler)

  cpu_java0=$(cpu_of "${service_pids[@]}"); cpu_pg0=$(cpu_of $(pgrep -x postgres)); cpu_sink0=$(cpu_of $(pgrep -x smtp-sink))
  t0=$(date +%s.%N)
  id=$(admin -H 'Content-Type: application/json' -d '{}' "$api/digest-runs" | json "['id']")
  while true; do # cheaply: no python per poll, twice a second
    state=$(admin "$api/digest-runs/$id")
    status=$(echo "$state" | sed -n 's/.*"status":"\([A-Z]*\)".*/\1/p')
    [ "$status" != QUEUED ] && [ "$status" != RUNNING ] && break
    sleep 0.5
  done
  total_s=$(echo "$(date +%s.%N) - $t0" | bc)
  cpu="service $(echo "$(cpu_of "${service_pids[@]}") - $cpu_java0" | bc) s, PostgreSQL $(echo "$(cpu_of $(pgrep -x postgres)) - $cpu_pg0" | bc) s, smtp-sink $(echo "$(cpu_of $(pgrep -x smtp-sink)) - $cpu_sink0" | bc) s"
  kill $sampler 2>/dev/null || true
  sent=$(echo "$state" | json "['sent']")
  queued=$(echo "$state" | json "['queued']")
  split=$(grep -ho "queued [0-9]* digests for [0-9]* subscribers in [0-9]* s ([^)]*)" "$out"/service-*.log | head -1)
  metrics=$(curl -sS "http://127.0.0.1:$((base_port + 1))/q/metrics")
  size_mean=$(echo "$metrics" | awk '/^paperdigest_digests_size_bytes_sum/ {s=$2} /^paperdigest_digests_size_bytes_count/ {c=$2} END {printf "%d", (c > 0 ? s / c : 30000)}')
  size_p99=$(echo "$metrics" | awk -F' ' '/^paperdigest_digests_size_bytes\{.*quantile="0.99"/ {printf "%d", $2}')
  size_max=$(echo "$metrics" | awk '/^paperdigest_digests_size_bytes_max/ {printf "%d", $2}')
  html_max=$(echo "$metrics" | awk '/^paperdigest_digests_html_size_characters_max/ {printf "%d", $2}')
  heap_peak=$(awk '{ if ($2 > m[$1]) m[$1] = $2 } END { for (p in m) printf "%d ", m[p] / 1024 }' "$out/samples.txt")
  rss_peak=$(awk '{ if ($3 > m[$1]) m[$1] = $3 } END { for (p in m) printf "%d ", m[p] / 1024 }' "$out/samples.txt")
  if [ "$db" = postgresql ]; then
    db_mb=$(( $("${pg[@]}" -d postgres -c "SELECT pg_database_size('paper_digest_bench')") / 1048576 ))
  else
    db_mb=$(( $(du -sb "$out/h2" | cut -f1) / 1048576 ))
  fi
  for p in "${service_pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done

  # raw SMTP into the same sink, 10 sessions, messages of the digests' mean size (smtp-source adds headers)
  raw_count=$(( sent < 20000 ? (sent > 2000 ? sent : 2000) : 20000 ))
  t0=$(date +%s.%N)
  smtp-source -s 10 -l "$size_mean" -m "$raw_count" -f bench@localhost -t sink@localhost 127.0.0.1:$smtp_port
  raw_s=$(echo "$(date +%s.%N) - $t0" | bc)
  raw_rate=$(echo "$raw_count / $raw_s" | bc -l)
  rate=$(echo "$sent / $total_s" | bc -l)

  line=$(printf '| %s | %s | %d | %d | %.1f | %.0f | %.0f | %.0f%% | %s | %s | %s | %d | %d / %d / %d | %d | %.1f | %s |' \
    "$(date -u +%F)" "$db" "$replicas" "$subscribers" "$total_s" "$rate" "$raw_rate" "$(echo "100 * $rate / $raw_rate" | bc -l)" \
    "$split" "${heap_peak% }" "${rss_peak% }" "$db_mb" "$size_mean" "$size_p99" "$size_max" "$html_max" "$import_s" "$matches")
  echo "$line" | tee -a "$report"
  echo "   run $id: $status, $queued queued, $sent sent; $imported subscribers imported in ${import_s}s; CPU during the run: $cpu"
done
echo "columns: date | db | processes | subscribers | seconds end to end | digests/s | raw SMTP/s | ratio | split | peak heap MiB | peak RSS MiB | database MiB | digest bytes mean / p99 / max | largest HTML part (characters) | import s | matches per subscriber"
