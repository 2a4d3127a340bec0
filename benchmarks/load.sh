#!/usr/bin/env bash
# Load runs: essmap served by gunicorn as in production (DEBUG=0), hammered by wrk.
#
# Not run by CI. From the repository root, on a database already filled
# (load_shipped_data, then generate_content):
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/essmap_bench benchmarks/load.sh
#
# Variables: PORT (8765), WORKERS (2), DURATION in seconds (30), CONNECTIONS ("8 32"),
# SEARCH_PAGE (name of a bench_pages page, "+ mot-clé"), WRK_TIMEOUT in seconds (60). Prints, for the search page and
# the floor (/sante/) at each number of connections: requests/s, latency p50 and p99, errors
# (non-2xx/3xx answers and socket errors), and the ratio search/floor of requests/s. Then a
# mix (benchmarks/mix.lua: every page of bench_pages in turn, one search (a place or words) in ten never asked
# before) for MIX_DURATION seconds (60) at MIX_CONNECTIONS (32), and the memory (RSS) of each
# worker after it.
# Needs wrk (Debian package "wrk": apt-get install wrk).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${PORT:-8765}"
WORKERS="${WORKERS:-2}"
DURATION="${DURATION:-30}"
CONNECTIONS="${CONNECTIONS:-8 32}"
SEARCH_PAGE="${SEARCH_PAGE:-+ mot-clé}"
BIN=.venv/bin
: "${DATABASE_URL:?Indiquez la base mesurée : DATABASE_URL=postgres://… benchmarks/load.sh}"

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -qq wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
    else
        echo "wrk absent : sudo apt-get install wrk" >&2
        exit 1
    fi
fi

# Production settings: DEBUG off, hashed static files collected in a temporary folder; plain
# HTTP on 127.0.0.1 (no HTTPS redirect); no line per request (ESSMAP_ACCESS_LOG=1 to measure
# with them): wrk's hundreds of thousands of requests would each write one. The benchmarks app
# (bench_pages) is installed only when asked for.
export DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 DATABASE_URL ESSMAP_BENCHMARKS=1
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 ESSMAP_SECURE_COOKIES=0
export ESSMAP_ACCESS_LOG="${ESSMAP_ACCESS_LOG:-0}"
STATIC_ROOT="$(mktemp -d)"
export STATIC_ROOT
"$BIN/python" manage.py collectstatic --noinput -v 0

SEARCH_URL="$("$BIN/python" manage.py bench_pages --urls | awk -F'\t' -v name="$SEARCH_PAGE" '$1 == name {print $2}')"
[ -n "$SEARCH_URL" ] || { echo "Page « $SEARCH_PAGE » inconnue de bench_pages --urls" >&2; exit 1; }
FLOOR_URL=/sante/

"$BIN/gunicorn" essmap.wsgi -w "$WORKERS" -b "127.0.0.1:$PORT" --log-level warning &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null; rm -rf "$STATIC_ROOT"' EXIT
for _ in $(seq 50); do
    curl -fs "http://127.0.0.1:$PORT$FLOOR_URL" >/dev/null && break
    sleep 0.2
done
for url in "$FLOOR_URL" "$SEARCH_URL"; do
    status="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$url")"
    [ "$status" = 200 ] || { echo "$url répond $status, pas 200" >&2; exit 1; }
done

# One wrk run: "requests/s p50 p99 errors" (latencies as wrk prints them, e.g. 12.5ms).
# Arguments: connections, duration in seconds, then wrk's own (a script, the address…).
run() {
    local connections="$1" duration="$2"
    shift 2
    # Requests still queued from the previous run would be measured with this one: wait
    # until the workers are free again (a slow page can keep them busy for a while).
    curl -fs --max-time 300 "http://127.0.0.1:$PORT$FLOOR_URL" >/dev/null
    # A slow answer is a latency, not an error: wrk's default timeout (2 s) would count it
    # as a socket error and leave its latency out.
    wrk -t 2 -c "$connections" -d "${duration}s" --timeout "${WRK_TIMEOUT:-60}s" --latency "$@" |
        awk '
        /Requests\/sec/ {rps = $2}
        $1 == "50%" {p50 = $2}
        $1 == "99%" {p99 = $2}
        /Non-2xx or 3xx responses/ {errors += $NF}
        /Socket errors/ {gsub(",", ""); errors += $4 + $6 + $8 + $10}
        END {printf "%s %s %s %d\n", rps, p50, p99, errors}'
}

echo "essmap sous charge : gunicorn $WORKERS workers, wrk ${DURATION} s, base ${DATABASE_URL%%:*}, $(date -I)"
echo "recherche : $SEARCH_URL"
echo
echo "| Connexions | Page | Requêtes/s | p50 | p99 | Erreurs |"
echo "|---:|---|---:|---:|---:|---:|"
for connections in $CONNECTIONS; do
    read -r floor_rps floor_p50 floor_p99 floor_errors \
        <<<"$(run "$connections" "$DURATION" "http://127.0.0.1:$PORT$FLOOR_URL")"
    read -r search_rps search_p50 search_p99 search_errors \
        <<<"$(run "$connections" "$DURATION" "http://127.0.0.1:$PORT$SEARCH_URL")"
    echo "| $connections | plancher \`$FLOOR_URL\` | $floor_rps | $floor_p50 | $floor_p99 | $floor_errors |"
    echo "| $connections | recherche | $search_rps | $search_p50 | $search_p99 | $search_errors |"
    ratio="$(awk -v s="$search_rps" -v f="$floor_rps" 'BEGIN {printf "%.3f", (f > 0 ? s / f : 0)}')"
    echo "| $connections | ratio recherche / plancher | $ratio | | | |"
done

MIX_URLS="$(mktemp)"
"$BIN/python" manage.py bench_pages --urls | cut -f2 >"$MIX_URLS"
read -r mix_rps mix_p50 mix_p99 mix_errors <<<"$(run "${MIX_CONNECTIONS:-32}" "${MIX_DURATION:-60}" \
    -s benchmarks/mix.lua "http://127.0.0.1:$PORT" -- "$MIX_URLS" "${FRESH_EVERY:-10}")"
MIX_PAGES="$(wc -l <"$MIX_URLS")"
rm -f "$MIX_URLS"
echo
echo "Mélange ($MIX_PAGES pages, une recherche (lieu ou mots) sur ${FRESH_EVERY:-10} jamais demandée), ${MIX_CONNECTIONS:-32} connexions, ${MIX_DURATION:-60} s :"
echo "requêtes/s $mix_rps, p50 $mix_p50, p99 $mix_p99, erreurs $mix_errors"
echo
echo "Mémoire des workers après la charge (RSS) :"
for pid in $(pgrep -P "$GUNICORN"); do
    echo "  worker $pid : $(($(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024)) Mo"
done
