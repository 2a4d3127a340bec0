#!/usr/bin/env bash
# Expensive searches: essmap served by gunicorn as `make run` serves it (DEBUG=0, 2 workers),
# while benchmarks/expensive_searches.py sends CLIENTS clients' never-cached searches (12 words,
# all of France, partiel=oui, three stages, par_page=500) and times /sante/ and a cached page.
#
# Not run by CI. From the repository root, on a database already filled (load_shipped_data,
# then generate_content), on a port of 8100 or more:
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/essmap_bench benchmarks/expensive_searches.sh
#
# Variables: PORT (8101), WORKERS (2), DURATION in seconds (30), CLIENTS (4); the server's own
# (ESSMAP_SEARCH_RATE, ESSMAP_STATEMENT_TIMEOUT_MS…) pass through. Each client has its own
# address (X-Real-IP, ESSMAP_CLIENT_IP_HEADER below), as four machines would.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${PORT:-8101}"
BIN=.venv/bin
: "${DATABASE_URL:?Indiquez la base mesurée : DATABASE_URL=postgres://… benchmarks/expensive_searches.sh}"

export DEBUG=0 SECRET_KEY=load-test-only ALLOWED_HOSTS=127.0.0.1 DATABASE_URL
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 ESSMAP_SECURE_COOKIES=0 ESSMAP_ACCESS_LOG=0
export ESSMAP_CLIENT_IP_HEADER=X-Real-IP WEB_CONCURRENCY="${WORKERS:-2}"
export GUNICORN_BIND="127.0.0.1:$PORT"
STATIC_ROOT="$(mktemp -d)"
export STATIC_ROOT
"$BIN/python" manage.py collectstatic --noinput -v 0 --skip-checks

"$BIN/gunicorn" essmap.wsgi -c essmap/gunicorn_conf.py &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null; rm -rf "$STATIC_ROOT"' EXIT
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$PORT/sante/" >/dev/null && break
    sleep 0.2
done

echo "essmap, recherches coûteuses : gunicorn $WEB_CONCURRENCY workers, base ${DATABASE_URL%%:*}, $(date -I), charge : $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/python" benchmarks/expensive_searches.py --url "http://127.0.0.1:$PORT" \
    --clients "${CLIENTS:-4}" --duration "${DURATION:-30}"
