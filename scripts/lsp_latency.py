#!/usr/bin/env python3
"""Language-server latency: from each didChange to the publishDiagnostics for that version.

Spawns a language server on stdio, initializes it (for factlint with
initializationOptions {"corpus": [DIR], "debounceMs": 0}), opens a draft, waits for its first
diagnostics, then types into the middle of the draft one character per didChange (and deletes
the typed text again, back and forth), one edit at a time, timing each until the server publishes
the diagnostics whose `version` is the edit's. Servers that publish without a version (harper-ls)
are timed to the first publishDiagnostics for the document after the edit.

Standard library only. Examples:

    scripts/lsp_latency.py --server "target/release/factlint lsp" --corpus target/bench/corpus-100 \\
        --draft target/bench/draft-2000.md --edits 50
    scripts/lsp_latency.py --name harper-ls --server "harper-ls --stdio" --draft target/bench/draft-2000.md

Prints one summary line; `--json FILE` also writes the figures. Exit status: 0 measured, 1 the
server failed (did not start, answer or publish in time; the reason is printed), 2 usage.
"""

import argparse
import json
import os
import queue
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

TYPED = {
    "de": "Die Polizei sprach am Abend von 12 Verletzten. ",
    "en": "Police said on Monday that 12 people were hurt. ",
}


class ServerGone(Exception):
    pass


class Client:
    def __init__(self, argv, cwd, log_path, settings):
        self.start = time.perf_counter()
        self.log = open(log_path, "wb") if log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log
        )
        self.settings = settings
        self.inbox = queue.Queue()
        self.next_id = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        raise EOFError
                    line = line.strip()
                    if not line:
                        break
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        length = int(v.strip())
                if length is None:
                    continue
                body = out.read(length)  # buffered: blocks until all `length` bytes are there
                if len(body) < length:
                    raise EOFError
                # Timestamp on arrival, before parsing: large diagnostics take a while to decode.
                now = time.perf_counter()
                msg = json.loads(body)
                if "method" in msg and "id" in msg:
                    self._answer(msg)
                self.inbox.put((now, msg))
        except (EOFError, ValueError, OSError):
            self.inbox.put((time.perf_counter(), None))

    def _answer(self, req):
        method = req.get("method")
        result = None
        if method == "workspace/configuration":
            items = req.get("params", {}).get("items", [])
            result = [self.settings for _ in items]
        self.send({"jsonrpc": "2.0", "id": req["id"], "result": result})

    def send(self, msg):
        data = json.dumps(msg).encode()
        with self.lock:
            try:
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                raise ServerGone("the server closed its input")

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, pred, timeout):
        """The first message for which pred(msg) holds, as (time, msg); None on timeout."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            try:
                t, msg = self.inbox.get(timeout=left)
            except queue.Empty:
                return None
            if msg is None:
                raise ServerGone("the server exited (status %s)" % self.proc.poll())
            if pred(msg):
                return t, msg

    def cpu_seconds(self):
        """User + system CPU time of the server process so far (all threads), or None."""
        try:
            with open("/proc/%d/stat" % self.proc.pid) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def peak_rss_mb(self):
        try:
            with open("/proc/%d/status" % self.proc.pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024.0
        except OSError:
            pass
        return None

    def close(self):
        try:
            rid = self.request("shutdown", None)
            self.wait(lambda m: m.get("id") == rid and "method" not in m, 5)
            self.notify("exit", None)
        except ServerGone:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.log is not subprocess.DEVNULL:
            self.log.close()


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(-(-p * len(sorted_values) // 100)) - 1))
    return sorted_values[k]


def middle_line(lines):
    """The prose line nearest the middle of the draft (not front matter, heading or blank)."""
    start = 0
    if lines and lines[0].strip() in ("---", "+++"):
        for i in range(1, len(lines)):
            if lines[i].strip() == lines[0].strip():
                start = i + 1
                break
    candidates = [
        i for i in range(start, len(lines)) if lines[i].strip() and not lines[i].lstrip().startswith(("#", "<!--", "```"))
    ]
    if not candidates:
        return len(lines) - 1
    mid = (start + len(lines)) // 2
    return min(candidates, key=lambda i: abs(i - mid))


def edits(line, typed, n):
    """n single-character edits at the start of `line`: type `typed`, delete it, repeat."""
    out = []
    col = 0
    typing = True
    while len(out) < n:
        if typing:
            ch = typed[col]
            out.append(({"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, ch))
            col += 1
            typing = col < len(typed)
        else:
            out.append(({"start": {"line": line, "character": col - 1}, "end": {"line": line, "character": col}}, ""))
            col -= 1
            typing = col == 0
    return out


def apply_edit(lines, rng, text):
    line = rng["start"]["line"]
    s, e = rng["start"]["character"], rng["end"]["character"]
    lines[line] = lines[line][:s] + text + lines[line][e:]


def fail(msg, client=None, log=None):
    print("lsp_latency: " + msg, file=sys.stderr)
    if client is not None:
        client.close()
    if log and os.path.exists(log):
        with open(log, "rb") as f:
            tail = f.read()[-2000:].decode("utf-8", "replace").strip()
        if tail:
            print("lsp_latency: server log (tail):\n" + tail, file=sys.stderr)
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--server", required=True, help='the server command, e.g. "target/release/factlint lsp"')
    ap.add_argument("--name", default=None, help="label in the output (default: the command's name)")
    ap.add_argument("--draft", required=True, help="the draft to open and edit")
    ap.add_argument("--corpus", action="append", default=[], help="corpus folder or database URL (initializationOptions.corpus)")
    ap.add_argument("--debounce", type=int, default=0, help="initializationOptions.debounceMs (default 0)")
    ap.add_argument("--no-factlint-options", action="store_true", help="send no factlint initializationOptions")
    ap.add_argument("--edits", type=int, default=50, help="number of timed edits (default 50)")
    ap.add_argument("--start-timeout", type=float, default=600, help="seconds to wait for the first diagnostics")
    ap.add_argument("--edit-timeout", type=float, default=60, help="seconds to wait for each edit's diagnostics")
    ap.add_argument(
        "--budget", type=float, default=0, help="stop editing after this many seconds of edits (at least 3 edits; 0: no limit)"
    )
    ap.add_argument("--lang", choices=["de", "en"], default=None, help="language of the typed text (default: draft's)")
    ap.add_argument("--json", default=None, help="write the figures to this file")
    ap.add_argument("--log", default=None, help="write the server's stderr to this file")
    args = ap.parse_args()

    argv = shlex.split(args.server)
    name = args.name or os.path.basename(argv[0])
    draft = Path(args.draft).resolve()
    try:
        text = draft.read_text(encoding="utf-8")
    except OSError as e:
        print("lsp_latency: %s: %s" % (draft, e), file=sys.stderr)
        return 2
    lang = args.lang or ("de" if "\nlang: de" in text[:300] else "en")
    typed = TYPED[lang]
    words = len(text.split())
    # A database corpus (postgres://…) is passed as it is; folders as absolute paths.
    corpus = [c if "://" in c else str(Path(c).resolve()) for c in args.corpus]
    settings = {} if args.no_factlint_options else {"corpus": corpus, "debounceMs": args.debounce}
    root = draft.parent
    uri = draft.as_uri()

    try:
        client = Client(argv, str(root), args.log, settings)
    except OSError as e:
        print("lsp_latency: cannot start %r: %s" % (args.server, e), file=sys.stderr)
        return 1
    result = {"server": name, "command": args.server, "draft": str(draft), "words": words, "corpus": corpus}
    try:
        rid = client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "workspace": {"configuration": True, "workspaceFolders": True},
                    "textDocument": {
                        "synchronization": {"didSave": True, "dynamicRegistration": False},
                        "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                    },
                },
                "initializationOptions": settings if settings else None,
            },
        )
        got = client.wait(lambda m: m.get("id") == rid and "method" not in m, 60)
        if got is None:
            return fail("%s did not answer initialize within 60 s" % name, client, args.log)
        t_init, resp = got
        if "error" in resp:
            return fail("%s refused initialize: %s" % (name, resp["error"]), client, args.log)
        caps = resp.get("result", {}).get("capabilities", {})
        sync = caps.get("textDocumentSync", 1)
        kind = sync.get("change", 1) if isinstance(sync, dict) else sync
        incremental = kind == 2
        result["initialize_ms"] = (t_init - client.start) * 1000
        client.notify("initialized", {})

        version = 1
        t_open = time.perf_counter()
        client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}
        )

        def is_diag(m):
            return m.get("method") == "textDocument/publishDiagnostics" and m.get("params", {}).get("uri") == uri

        first_any = None
        first = None
        deadline = time.perf_counter() + args.start_timeout
        while first is None:
            got = client.wait(is_diag, max(0.0, deadline - time.perf_counter()))
            if got is None:
                break
            if first_any is None:
                first_any = got
            if got[1]["params"].get("diagnostics"):
                first = got
        if first is None and first_any is None:
            return fail(
                "%s published no diagnostics for the draft within %.0f s of opening it "
                "(server not ready, or the corpus still loading?)" % (name, args.start_timeout),
                client,
                args.log,
            )
        if first is None:
            first = first_any
        result["first_diagnostics_ms"] = (first[0] - client.start) * 1000
        result["open_to_diagnostics_ms"] = (first[0] - t_open) * 1000
        result["first_diagnostics"] = len(first[1]["params"].get("diagnostics", []))
        # Let any late publications of the opening version pass.
        while client.wait(is_diag, 0.2) is not None:
            pass

        lines = text.split("\n")
        line = middle_line(lines)
        result["edit_line"] = line + 1
        times = []
        timeouts = 0
        unversioned = False
        t_edits = time.perf_counter()
        cpu_before = client.cpu_seconds()
        for rng, ins in edits(line, typed, args.edits):
            if args.budget and len(times) >= 3 and time.perf_counter() - t_edits > args.budget:
                result["stopped_by_budget"] = True
                break
            version += 1
            apply_edit(lines, rng, ins)
            if incremental:
                changes = [{"range": rng, "text": ins}]
            else:
                changes = [{"text": "\n".join(lines)}]
            t0 = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes})
            v = version

            def matches(m):
                nonlocal unversioned
                if not is_diag(m):
                    return False
                pv = m["params"].get("version")
                if pv is None:
                    unversioned = True
                    return True
                return pv == v

            got = client.wait(matches, args.edit_timeout)
            if got is None:
                timeouts += 1
                if timeouts >= 3:
                    return fail("%s: 3 edits got no diagnostics within %.0f s each" % (name, args.edit_timeout), client, args.log)
                continue
            times.append((got[0] - t0) * 1000)
        cpu_after = client.cpu_seconds()
        if cpu_before is not None and cpu_after is not None and times:
            result["cpu_ms_per_edit"] = (cpu_after - cpu_before) * 1000 / (len(times) + timeouts)
        result["start_cpu_s"] = cpu_before
        result["peak_rss_mb"] = client.peak_rss_mb()
    except ServerGone as e:
        return fail("%s: %s" % (name, e), client, args.log)
    client.close()

    s = sorted(times)
    result.update(
        {
            "edits": len(times),
            "edits_planned": args.edits,
            "timeouts": timeouts,
            "sync": "incremental" if incremental else "full",
            "unversioned": unversioned,
            "p50_ms": percentile(s, 50),
            "p95_ms": percentile(s, 95),
            "max_ms": s[-1] if s else None,
            "mean_ms": sum(s) / len(s) if s else None,
        }
    )
    fmt = lambda x: "-" if x is None else "%.1f" % x  # noqa: E731
    result.setdefault("cpu_ms_per_edit", None)
    result["load_average"] = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else None
    print(
        "%s: %d words, %d edits%s%s: p50 %s ms, p95 %s ms, max %s ms, server CPU %s ms per edit; first diagnostics %s ms after start; peak RSS %s MB%s"
        % (
            name,
            words,
            len(times),
            " (%d timed out)" % timeouts if timeouts else "",
            " (stopped by the %.0f s budget)" % args.budget if result.get("stopped_by_budget") else "",
            fmt(result["p50_ms"]),
            fmt(result["p95_ms"]),
            fmt(result["max_ms"]),
            fmt(result["cpu_ms_per_edit"]),
            fmt(result["first_diagnostics_ms"]),
            fmt(result["peak_rss_mb"]),
            " (unversioned diagnostics)" if unversioned else "",
        )
    )
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
