#!/usr/bin/env bash
# `make fuzz`: gunicorn with the production settings (make passes them), its own SQLite base by
# default, then FUZZ_REQUESTS (20,000) hostile requests and the table of status codes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${FUZZ_PORT:-8077}
mkdir -p var
export DATABASE_URL=${DATABASE_URL:-sqlite:///$(pwd)/var/fuzz.sqlite3}
export ALLOWED_HOSTS=127.0.0.1
# The forms themselves are probed, not the rate limit; no mail leaves.
export ESSMAP_SUGGESTION_RATE=${ESSMAP_SUGGESTION_RATE:-1000000/h}
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export ACCESS_LOG=${ACCESS_LOG:-1}

echo "== Base : ${DATABASE_URL%%@*}…"
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py createcachetable
$BIN/python manage.py load_shipped_data -v0
$BIN/python manage.py collectstatic --noinput -v0

LOG=var/fuzz-server.log
echo "== gunicorn sur 127.0.0.1:$PORT (journal : $LOG)"
GUNICORN_BIND=127.0.0.1:$PORT $BIN/gunicorn essmap.wsgi -c essmap/gunicorn_conf.py >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/sante/" >/dev/null 2>&1 && break
  sleep 0.5
done

FUZZ_BASE_URL="http://127.0.0.1:$PORT" FUZZ_REQUESTS=${FUZZ_REQUESTS:-20000} \
  $BIN/python -m pytest tests/essmap/test_fuzz_server.py -q -s -p no:randomly -p no:cacheprovider
echo "== Journal du serveur : $(wc -l <"$LOG") lignes, $(grep -c '"level": "ERROR"' "$LOG" || true) erreurs"
