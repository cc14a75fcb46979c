#!/usr/bin/env bash
# How long a newcomer waits: `git clone` of this repository into an empty temporary folder
# (nothing beside it), then `make run` until the home page answers; then `load_demo` again
# on its own, on a new database. Run it by hand: bash bench/fresh_clone.sh
# It uses port 8765 so as not to meet a portal already running on 8000.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill -- -$run_pid 2>/dev/null || true; rm -rf "$work"' EXIT

start=$(date +%s.%N)
git clone --quiet "$repo" "$work/scrutiny"
cd "$work/scrutiny"
set -m
make run RUN_ADDRESS=127.0.0.1:8765 > "$work/run.log" 2>&1 &
run_pid=$!
set +m
until curl -fs -o /dev/null http://127.0.0.1:8765/; do
  if ! kill -0 "$run_pid" 2>/dev/null; then cat "$work/run.log"; exit 1; fi
  sleep 0.5
done
served=$(date +%s.%N)
echo "fresh clone to a served home page: $(echo "$served - $start" | bc) s"
grep -E "packs built|stand-in papers" "$work/run.log" | sed 's/^/  /'

kill -- -$run_pid 2>/dev/null || true
rm -f var/scrutiny.sqlite3 && rm -rf var/media
.venv/bin/python manage.py migrate --noinput -v0
demo_start=$(date +%s.%N)
.venv/bin/python manage.py load_demo > /dev/null
echo "load_demo on a new database: $(echo "$(date +%s.%N) - $demo_start" | bc) s"
demo_start=$(date +%s.%N)
.venv/bin/python manage.py load_demo > /dev/null
echo "load_demo again (nothing to do): $(echo "$(date +%s.%N) - $demo_start" | bc) s"
