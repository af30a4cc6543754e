#!/usr/bin/env bash
# Whole-process benchmark of factlint: corpus indexing, CLI checks and language-server latency on
# generated corpora (examples/gen_corpus.rs, deterministic per seed). Results: a Markdown table on
# stdout and in target/bench/results.md, the raw figures in target/bench/results.json.
#
#   scripts/bench.sh            corpora of 100 and 10,000 documents, drafts of 2,000 and 20,000 words
#   scripts/bench.sh --full     also 100,000 documents (about 80 MB; takes several minutes)
#   scripts/bench.sh --smoke    CI: 100 documents, small drafts, 5 edits, no timing targets (< 1 min)
#
# Options: --sizes "100 1000"  corpus sizes; --words "2000 20000"  draft sizes; --edits N (default 50);
#          --seed S (default 1); --doc-bytes B (generated documents of at least B bytes; default:
#          the generator's ~900; 3000 is news length); --out DIR (default target/bench, target/bench/smoke with --smoke);
#          --no-build (use the binaries as they are); --no-harper; --store memory|disk|postgres (memory:
#          the corpus loaded into memory, the default; disk: `store = "disk"`, the on-disk store;
#          postgres: a throwaway PostgreSQL cluster started in a temp folder (initdb + pg_ctl, unix
#          socket only, default settings, stopped and removed at the end; needs postgresql-15:
#          tests/editors/postgres.deps.sh), each corpus ingested into its own collection by a
#          writer and checked by a read-only reporter role); --lsp-budget SECONDS (default 400: a
#          latency run stops editing after that long, so slow configurations report fewer edits).
# Per corpus size it reports: cold index (first `factlint check` of a one-line draft: wall time,
# peak RSS via /usr/bin/time -v, MB/s; with --store postgres: `factlint corpus ingest`, its CPU
# the client's plus the server's), warm start (the same again; with postgres: the first check of
# the one-line draft after the ingest), one changed document (the same again after one corpus
# file got one more sentence; memory and disk only; the file is restored afterwards),
# `factlint check` per draft, and
# the language server's didChange -> publishDiagnostics latency (p50/p95/max over --edits edits in
# the middle of the draft, debounce 0; scripts/lsp_latency.py; with --store disk the draft's folder
# holds a .factlint.toml with `store = "disk"`), with harper-ls side by side when it
# is on the PATH. Run it with `nice` on a shared machine. Exit status: 0 measured, 1 a step failed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

sizes="100 10000"
words="2000 20000"
edits=50
budget=400
seed=1
doc_bytes=0
build=1
harper=1
smoke=0
store=memory
outdir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) sizes="100 10000 100000" ;;
    --smoke) smoke=1 sizes="100" words="300 1000" edits=5 harper=0 ;;
    --out) outdir=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    --words) words=$2; shift ;;
    --edits) edits=$2; shift ;;
    --lsp-budget) budget=$2; shift ;;
    --seed) seed=$2; shift ;;
    --doc-bytes) doc_bytes=$2; shift ;;
    --no-build) build=0 ;;
    --no-harper) harper=0 ;;
    --store) store=$2; shift ;;
    -h | --help) sed -n '2,36p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ -z "$outdir" ]; then
  outdir=$repo/target/bench
  [ $smoke -eq 1 ] && outdir=$repo/target/bench/smoke
fi
mkdir -p "$outdir"
out=$(cd "$outdir" && pwd)
log() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Tools.
timebin=/usr/bin/time
if ! "$timebin" -v true >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    log "installing GNU time (apt-get install time)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; } || true
  fi
  "$timebin" -v true >/dev/null 2>&1 || { log "GNU time missing: peak memory not measured"; timebin=""; }
fi
command -v python3 >/dev/null || { log "python3 is needed for the language-server latency"; exit 1; }

# Binaries.
bin=$repo/target/release/factlint
gen=$repo/target/release/examples/gen_corpus
if [ $build -eq 1 ]; then
  log "cargo build --release (factlint, examples/gen_corpus)"
  cargo build --release --locked --quiet || { log "cargo build --release failed"; exit 1; }
  if ! cargo build --release --locked --quiet --example gen_corpus; then
    log "cargo could not build the example; compiling the generator with rustc"
    gen=$out/gen_corpus
    rustc -O --edition 2021 examples/gen_corpus.rs -o "$gen"
  fi
fi
[ -x "$bin" ] || { log "no $bin (build first or drop --no-build)"; exit 1; }
# Measure a copy: other builds may replace target/release/factlint during a long run.
cp "$bin" "$out/factlint"
bin=$out/factlint
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock 2>/dev/null | wc -l)
log "factlint at $commit$([ "$dirty" -gt 0 ] && echo " with $dirty modified files in src/ (working tree)")"
if [ ! -x "$gen" ]; then
  gen=$out/gen_corpus
  [ -x "$gen" ] && [ "$gen" -nt benches/common/gen.rs ] || rustc -O --edition 2021 examples/gen_corpus.rs -o "$gen"
fi

# Inputs: corpora and drafts, regenerated when the generator or seed changed.
stamp="seed=$seed doc-bytes=$doc_bytes $(cat examples/gen_corpus.rs benches/common/gen.rs | cksum | cut -d' ' -f1)"
corpus_dir() { if [ "$doc_bytes" -gt 0 ]; then echo "$out/corpus-$1-${doc_bytes}b"; else echo "$out/corpus-$1"; fi; }
for n in $sizes; do
  dir=$(corpus_dir "$n")
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    continue
  fi
  rm -rf "$dir"
  log "generating $n documents in $dir"
  "$gen" --docs "$n" --seed "$seed" --doc-bytes "$doc_bytes" --out "$dir" 2>/dev/null
  echo "$stamp" >"$dir/.stamp"
done
drafts=$out/drafts
mkdir -p "$drafts"
for w in $words; do
  "$gen" --draft-words "$w" --seed "$seed" --draft-out "$drafts/draft-$w.md" 2>/dev/null
done
printf -- '---\nlang: de\n---\n\nDer Hafen ist wieder offen.\n' >"$drafts/one-line.md"

# harper-ls, if installed.
harper_bin=""
if [ $harper -eq 1 ]; then
  harper_bin=$(command -v harper-ls || true)
  [ -n "$harper_bin" ] || { [ -x "$HOME/.cargo/bin/harper-ls" ] && harper_bin=$HOME/.cargo/bin/harper-ls; } || true
  [ -n "$harper_bin" ] || log "harper-ls not on the PATH: skipped (cargo install harper-ls --locked)"
fi

# The corpus store: a configuration file that selects it (--corpus still names the corpus).
store_args=()
lsp_drafts=$drafts
if [ "$store" = disk ]; then
  printf 'store = "disk"\n' >"$out/store-disk.toml"
  store_args=(--config "$out/store-disk.toml")
  # The language server reads the store setting from the draft's folder's .factlint.toml (the
  # corpus comes from its initializationOptions).
  lsp_drafts=$out/drafts-disk
  mkdir -p "$lsp_drafts"
  cp "$out/store-disk.toml" "$lsp_drafts/.factlint.toml"
  cp "$drafts"/draft-*.md "$lsp_drafts/"
elif [ "$store" != memory ] && [ "$store" != postgres ]; then
  echo "bench: --store is memory, disk or postgres" >&2; exit 2
fi

# --store postgres: a throwaway cluster (as tests/postgres.rs starts one), removed on exit.
pg_dir="" pg_port="" pg_pids=""
if [ "$store" = postgres ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || { log "PostgreSQL not found: run tests/editors/postgres.deps.sh"; exit 1; }
  pg_dir=$(mktemp -d /tmp/factlint-bench-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb and postgres refuse to run as root: the cluster belongs to `postgres`.
    chown postgres: "$pg_dir"; chmod 0755 "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_admin_pw=bench-admin
  echo "$pg_admin_pw" >"$pg_dir/pw"; chmod 0644 "$pg_dir/pw"
  pg_stop() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap pg_stop EXIT
  log "PostgreSQL: throwaway cluster in $pg_dir ($("$pg_bin/postgres" --version))"
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U bench_admin --pwfile "$pg_dir/pw" --auth=scram-sha-256 \
    -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 || { log "initdb failed: $(tail -3 "$pg_dir/initdb.log")"; exit 1; }
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-k $pg_dir -p $pg_port -c listen_addresses=''" \
    -l "$pg_dir/server.log" -w -t 60 start >/dev/null || { log "pg_ctl start failed: $(tail -3 "$pg_dir/server.log")"; exit 1; }
  pg_psql() { PGPASSWORD=$pg_admin_pw "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir" -p "$pg_port" -U bench_admin "$@"; }
  pg_psql -d postgres -c "CREATE DATABASE bench" >/dev/null
  pg_url() { echo "postgres://$1@/bench?host=$pg_dir&port=$pg_port${2:+&collection=$2}"; }
  PGPASSWORD=$pg_admin_pw "$bin" corpus init --to "$(pg_url bench_admin)" 2>"$pg_dir/init.log" || { log "factlint corpus init failed: $(cat "$pg_dir/init.log")"; exit 1; }
  pg_psql -d bench -c "CREATE ROLE wire_ingest LOGIN PASSWORD 'ingest' IN ROLE factlint_writer; CREATE ROLE reporter LOGIN PASSWORD 'reporter' IN ROLE factlint_reader" >/dev/null
  # Checks and the language server connect as the reporter.
  export PGPASSWORD=reporter
fi

# What `--corpus` names for the corpus of N documents: its folder, or its collection.
corpus_arg() {
  if [ "$store" = postgres ]; then pg_url reporter "gen$1"; else corpus_dir "$1"; fi
}

# CPU seconds the PostgreSQL server has used so far (the postmaster and the backends it reaped:
# every connection of a finished command), or "null" without a cluster.
server_cpu() {
  if [ -z "$pg_dir" ]; then echo null; return; fi
  local pid
  pid=$(head -n 1 "$pg_dir/data/postmaster.pid" 2>/dev/null) || { echo null; return; }
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13 + $14 + $15) / hz }' "/proc/$pid/stat" 2>/dev/null || echo null
}
srv_note() { [ "$1" = null ] || echo " + server ${1}s"; }
sub() { if [ "$1" = null ] || [ "$2" = null ]; then echo null; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; fi; }

# Runs `factlint check DRAFT --corpus DIR` (or, with a third argument, `factlint corpus ingest DIR
# --to URL`) and prints "wall_seconds peak_rss_mb exit_status cpu_seconds server_cpu_seconds".
run_check() {
  local draft=$1 dir=$2 t0 t1 status=0 rss="null" s0 s1 cmd
  if [ $# -ge 3 ]; then
    cmd=(env PGPASSWORD=ingest "$bin" corpus ingest "$dir" --to "$3")
  else
    cmd=("$bin" check "$draft" --corpus "$dir" "${store_args[@]}" --format json)
  fi
  s0=$(server_cpu)
  t0=$(now)
  if [ -n "$timebin" ]; then
    "$timebin" -v -o "$out/time.txt" "${cmd[@]}" >"$out/check.json" 2>"$out/check.err" || status=$?
  else
    "${cmd[@]}" >"$out/check.json" 2>"$out/check.err" || status=$?
  fi
  t1=$(now)
  # The command's backends have exited; give the postmaster a moment to reap them.
  [ -n "$pg_dir" ] && sleep 0.3
  s1=$(server_cpu)
  cpu="null"
  if [ -n "$timebin" ]; then
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$out/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$out/time.txt")
    grep -q "exited with non-zero status" "$out/time.txt" && status=$(awk '/Exit status/ { print $3 }' "$out/time.txt")
  fi
  echo "$(secs "$t0" "$t1") $rss $status $cpu $(sub "$s0" "$s1")"
}

# The corpus cache (when the build has one) lives under $out: the first run of each corpus is cold,
# the second and the language server read what it wrote.
export FACTLINT_CACHE_DIR=$out/cache
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
failed=0
results=$out/results.jsonl
: >"$results"
emit() { echo "$1" >>"$results"; }

for n in $sizes; do
  dir=$(corpus_dir "$n")
  bytes=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['bytes'])" "$dir/corpus.json")
  log "corpus of $n documents ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB)"
  rm -rf "$FACTLINT_CACHE_DIR"
  source_dir=$dir
  dir=$(corpus_arg "$n")
  if [ "$store" = postgres ]; then
    read -r cold cold_rss st cold_cpu cold_srv < <(run_check - "$source_dir" "$(pg_url wire_ingest "gen$n")")
    if [ "$st" -ne 0 ]; then log "factlint corpus ingest failed (status $st): $(tail -3 "$out/check.err")"; failed=1; continue; fi
    log "  $(tail -n 1 "$out/check.err")"
  else
    read -r cold cold_rss st cold_cpu cold_srv < <(run_check "$drafts/one-line.md" "$dir")
  fi
  if [ "$st" -ge 2 ]; then log "factlint check failed (status $st): $(tail -3 "$out/check.err")"; failed=1; continue; fi
  read -r warm warm_rss st warm_cpu warm_srv < <(run_check "$drafts/one-line.md" "$dir")
  if [ "$st" -ge 2 ]; then log "factlint check failed (status $st): $(tail -3 "$out/check.err")"; failed=1; continue; fi
  log "  cold index ${cold}s (CPU ${cold_cpu}s$(srv_note "$cold_srv"), peak ${cold_rss} MB), second run ${warm}s (CPU ${warm_cpu}s$(srv_note "$warm_srv"))"
  changed=null changed_cpu=null changed_rss=null
  if [ "$store" != postgres ]; then
    # One changed document: the first one gets one more sentence, a check re-reads it, then it is
    # put back (and the next check re-reads it again, untimed).
    first=$(find "$source_dir" -type f -name '*.md' | sort | awk 'NR == 1')
    cp -p "$first" "$out/changed.orig"
    printf '\nOne more sentence about the day.\n' >>"$first"
    read -r changed changed_rss st changed_cpu _ < <(run_check "$drafts/one-line.md" "$dir")
    cp "$out/changed.orig" "$first"
    run_check "$drafts/one-line.md" "$dir" >/dev/null
    log "  one changed document: ${changed}s (CPU ${changed_cpu}s, peak ${changed_rss} MB)"
  fi
  emit "{\"kind\": \"index\", \"store\": \"$store\", \"docs\": $n, \"bytes\": $bytes, \"cold_s\": $cold, \"cold_cpu_s\": $cold_cpu, \"cold_server_cpu_s\": $cold_srv, \"cold_rss_mb\": $cold_rss, \"warm_s\": $warm, \"warm_cpu_s\": $warm_cpu, \"warm_server_cpu_s\": $warm_srv, \"warm_rss_mb\": $warm_rss, \"changed_s\": $changed, \"changed_cpu_s\": $changed_cpu, \"changed_rss_mb\": $changed_rss}"
  for w in $words; do
    read -r t rss st cpu srv < <(run_check "$drafts/draft-$w.md" "$dir")
    if [ "$st" -ge 2 ]; then log "factlint check of draft-$w failed (status $st)"; failed=1; continue; fi
    findings=$(python3 -c "import json,sys; print(sum(len(f['findings']) for f in json.load(open(sys.argv[1]))['files']))" "$out/check.json" 2>/dev/null || echo null)
    log "  check draft-$w: ${t}s (CPU ${cpu}s$(srv_note "$srv"), peak ${rss} MB, $findings findings)"
    emit "{\"kind\": \"check\", \"store\": \"$store\", \"docs\": $n, \"words\": $w, \"wall_s\": $t, \"cpu_s\": $cpu, \"server_cpu_s\": $srv, \"rss_mb\": $rss, \"findings\": $findings}"
  done
  for w in $words; do
    json=$out/lsp-$n-$w.json
    rm -f "$json"
    if python3 scripts/lsp_latency.py --name factlint --server "$bin lsp" --corpus "$dir" --draft "$lsp_drafts/draft-$w.md" \
      --edits "$edits" --budget "$budget" --edit-timeout 300 --start-timeout 900 --json "$json" --log "$out/lsp-$n-$w.log" >&2; then
      emit "{\"kind\": \"lsp\", \"store\": \"$store\", \"docs\": $n, \"words\": $w, \"result\": $(cat "$json")}"
    else
      log "  language server on draft-$w with $n documents: not measured (see above; log in $out/lsp-$n-$w.log)"
      failed=1
    fi
  done
done

if [ -n "$harper_bin" ]; then
  for w in $words; do
    json=$out/harper-$w.json
    rm -f "$json"
    if python3 scripts/lsp_latency.py --name harper-ls --server "$harper_bin --stdio" --no-factlint-options \
      --draft "$drafts/draft-$w.md" --edits "$edits" --budget "$budget" --edit-timeout 120 --start-timeout 120 --json "$json" \
      --log "$out/harper-$w.log" >&2; then
      emit "{\"kind\": \"harper\", \"words\": $w, \"result\": $(cat "$json")}"
    else
      log "  harper-ls on draft-$w: not measured"
    fi
  done
fi

load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
emit "{\"kind\": \"meta\", \"commit\": \"$commit\", \"modified_src_files\": $dirty, \"date\": \"$(date -u +%Y-%m-%dT%H:%MZ)\", \"nproc\": $(nproc), \"load_start\": \"$load_start\", \"load_end\": \"$load_end\", \"seed\": $seed}"

# The table.
python3 - "$results" "$out/results.json" "$out/results.md" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
json.dump(rows, open(sys.argv[2], "w"), indent=1)
f = lambda x, d=1: "–" if x is None else ("%.*f" % (d, x))
srv = lambda x: "" if x is None else " + %.2f s" % x
ms = lambda r: "%s / %s / %s" % (f(r.get("p50_ms")), f(r.get("p95_ms")), f(r.get("max_ms")))
out = []
for r in rows:
    if r["kind"] == "meta":
        out += ["factlint %s%s, %s, %d cores, load average %s at the start, %s at the end, seed %d" % (
            r["commit"], " (+%d modified files in src/)" % r["modified_src_files"] if r["modified_src_files"] else "",
            r["date"], r["nproc"], r["load_start"], r["load_end"], r["seed"]), ""]
idx = [r for r in rows if r["kind"] == "index"]
if idx:
    out += ["| store | corpus | size | cold index (postgres: ingest): wall (CPU [+ server]) | MB/s per CPU-second | peak RSS | second run: wall (CPU [+ server]) | one changed document: wall (CPU) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in idx:
        mb = r["bytes"] / 1e6
        cpu = r.get("cold_cpu_s")
        if cpu is not None and r.get("cold_server_cpu_s") is not None:
            cpu += r["cold_server_cpu_s"]
        ch = "–" if r.get("changed_s") is None else "%.2f s (%s s)" % (r["changed_s"], f(r.get("changed_cpu_s"), 2))
        out.append("| %s | %d docs | %.1f MB | %.2f s (%s s%s) | %s | %s MB | %.2f s (%s s%s) | %s |" % (
            r.get("store", "memory"), r["docs"], mb, r["cold_s"], f(r.get("cold_cpu_s"), 2), srv(r.get("cold_server_cpu_s")),
            f(mb / cpu if cpu else None), f(r["cold_rss_mb"], 0), r["warm_s"], f(r.get("warm_cpu_s"), 2), srv(r.get("warm_server_cpu_s")), ch))
    out.append("")
chk = [r for r in rows if r["kind"] == "check"]
if chk:
    out += ["| store | corpus | draft | `factlint check`: wall (CPU [+ server]) | peak RSS | findings |", "|---|---:|---:|---:|---:|---:|"]
    for r in chk:
        out.append("| %s | %d docs | %d words | %.2f s (%s s%s) | %s MB | %s |" % (
            r.get("store", "memory"), r["docs"], r["words"], r["wall_s"], f(r.get("cpu_s"), 2), srv(r.get("server_cpu_s")),
            f(r["rss_mb"], 0), r["findings"]))
    out.append("")
lsp = [r for r in rows if r["kind"] in ("lsp", "harper")]
if lsp:
    out += ["| server | corpus | draft | edits | didChange → diagnostics p50 / p95 / max (ms) | server CPU per edit | start → first diagnostics | peak RSS |",
            "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in lsp:
        x = r["result"]
        corpus = "%d docs (%s)" % (r["docs"], r.get("store", "memory")) if r["kind"] == "lsp" else "–"
        out.append("| %s | %s | %d words | %d | %s | %s ms | %.2f s | %s MB |" % (
            x["server"], corpus, r["words"], x["edits"], ms(x), f(x.get("cpu_ms_per_edit")), x["first_diagnostics_ms"] / 1000,
            f(x.get("peak_rss_mb"), 0)))
    out.append("")
text = "\n".join(out)
open(sys.argv[3], "w").write(text + "\n")
print(text)
EOF
if [ $failed -ne 0 ]; then
  log "some measurements failed (see above)"
  exit 1
fi
[ $smoke -eq 1 ] && log "smoke run passed"
exit 0
