#!/usr/bin/env bash
# Load time and peak resident memory of `byline stats`, beside the bare read
# floor (every file read once, on two processes, with `cat`), per corpus.
#
#   benches/load.sh [N...]     # articles per corpus, default 100000
#
# For each N: N synthetic articles as text files and as one JSON Lines file
# (`byline-gen`), and N one-line JSON entries of titles only (the corpus of
# benches/fzf-compare.sh). Corpora are generated once under $DATA (default
# bench-data/, gitignored) and kept; delete them when done: 1M full
# articles are about 4.2 GB a layout. Warm page cache: every corpus is read
# once before it is timed. RUNS=n runs per corpus (default 3); the median
# is printed. Not run by `cargo test`: it is a script.
set -euo pipefail

data=${DATA:-bench-data}
runs=${RUNS:-3}
cargo build --release --quiet --bins
byline=target/release/byline
gen=target/release/byline-gen
mkdir -p "$data"
export XDG_CACHE_HOME=$data/cache XDG_STATE_HOME=$data/state XDG_CONFIG_HOME=$data/config

corpus() { # layout n -> path
    local layout=$1 n=$2 dir=$data/$1-$2
    if [[ ! -e $dir/.complete ]]; then
        rm -rf "$dir"
        case $layout in
        text | jsonl) "$gen" --articles "$n" --layout "$layout" "$dir" >&2 ;;
        titles)
            mkdir -p "$dir"
            sed -n '/^python3 - "\$n" "\$dir" <<.PY.$/,/^PY$/p' benches/fzf-compare.sh |
                sed '1d;$d' | python3 - "$n" "$dir"
            rm "$dir/titles.txt"
            ;;
        esac
        touch "$dir/.complete"
    fi
    echo "$dir"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-14s %9s %10s %10s %8s %9s %10s\n' corpus MB floor_ms load_ms ratio rss_MB rss/bytes
for n in "${@:-100000}"; do
    for layout in text jsonl titles; do
        dir=$(corpus "$layout" "$n")
        files=$(find "$dir" -type f ! -name .complete | wc -l)
        bytes=$(find "$dir" -type f ! -name .complete -printf '%s\n' | awk '{ s += $1 } END { print s }')
        find "$dir" -type f -print0 | xargs -0 cat > /dev/null
        floor=() load=() rss=()
        for _ in $(seq "$runs"); do
            start=$(date +%s%N)
            find "$dir" -type f -print0 | xargs -0 -P2 -n $(((files + 1) / 2)) cat > /dev/null
            floor+=($((($(date +%s%N) - start) / 1000000)))
            out=$(/usr/bin/time -f 'rss %M' "$byline" stats "$dir" 2>&1)
            load+=("$(awk '/^load time/ { print $3 }' <<< "$out")")
            rss+=("$(awk '/^rss/ { print $2 }' <<< "$out")")
        done
        f=$(printf '%s\n' "${floor[@]}" | median)
        l=$(printf '%s\n' "${load[@]}" | median)
        r=$(printf '%s\n' "${rss[@]}" | median)
        awk -v c="$layout-$n" -v b="$bytes" -v f="$f" -v l="$l" -v r="$r" 'BEGIN {
            printf "%-14s %9.1f %10.0f %10.0f %8.2f %9.1f %10.2f\n",
                c, b / 1e6, f, l, l / f, r * 1024 / 1e6, r * 1024 / b }'
    done
done
