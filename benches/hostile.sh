#!/usr/bin/env bash
# Peak memory and time of byline on hostile inputs (issue 10, items 1, 2, 5
# and 6). Builds the inputs in a temporary folder; needs tmux and GNU time.
#   benches/hostile.sh [path/to/byline]
set -euo pipefail
bin=$(realpath "${1:-target/release/byline}")
work=$(mktemp -d)
trap 'tmux kill-session -t hostile 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config

peak() { awk '/VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$1/status"; }
reader() { # corpus, keys...: the reader's peak memory after the keys
  local corpus=$1; shift
  tmux new-session -d -s hostile -x 120 -y 40 "$bin $corpus"
  sleep 2
  local pid; pid=$(pgrep -n -f "$bin $corpus")
  for k in "$@"; do tmux send-keys -t hostile "$k"; done
  sleep 3
  echo "  peak $(peak "$pid"); screen's last line: $(tmux capture-pane -p -t hostile | tail -1 | cut -c1-80)"
  tmux kill-session -t hostile
}

echo "1. one 1 MB title; ctrl-p, then a 1,000-character query pasted"
python3 -c "import json; print(json.dumps([{'title': 'x' * 1_000_000, 'body': 'b'}, {'title': 'short', 'body': 'b'}]))" > "$work/huge-title.json"
query=$(python3 -c "print('ab' * 500)")
reader "$work/huge-title.json" C-p "$query"

echo "2. an 8 MiB article; / then 'word ' pasted 200 times"
python3 -c "print('Big'); print(('word and more words ' * 50 + '\n') * 8000)" > "$work/big.txt"
pasted=$(python3 -c "print('word ' * 200)")
reader "$work/big.txt" Enter / "$pasted"

echo "5. a DAG of links: 31 folders, each with links a and b to the next"
mkdir -p "$work/dag/d0"
for i in $(seq 1 30); do mkdir -p "$work/dag/d$i"; ln -s "../d$i" "$work/dag/d$((i-1))/a"; ln -s "../d$i" "$work/dag/d$((i-1))/b"; done
echo "A title" > "$work/dag/d30/story.txt"; echo body >> "$work/dag/d30/story.txt"
/usr/bin/time -f "  %e s, peak %M KiB" "$bin" stats -q "$work/dag/d0" >/dev/null

echo "6. a JSON Lines file with one 1.5 GB line"
python3 -c "
import sys
with open('$work/long.jsonl', 'w') as f:
    f.write('{\"title\": \"fine\", \"body\": \"b\"}\n')
    f.write('{\"title\": \"' + 'x' * 1_500_000_000 + '\"}\n')
    f.write('{\"title\": \"after\", \"body\": \"b\"}\n')
"
/usr/bin/time -f "  %e s, peak %M KiB" "$bin" stats -q "$work/long.jsonl" | head -3
