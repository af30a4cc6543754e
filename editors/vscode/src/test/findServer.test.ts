import * as assert from "node:assert/strict";
import { test } from "node:test";
import { binaryName, expandPath, FileKind, findServer, FindServerInput, notFoundMessage, platformDir } from "../findServer";

/** A fake file system: path → kind; everything else is missing. */
function input(files: Record<string, FileKind>, over: Partial<FindServerInput> = {}): FindServerInput {
  return {
    extensionPath: "/ext",
    platform: "linux",
    arch: "x64",
    pathEnv: "/usr/local/bin:/usr/bin",
    homeDir: "/home/ana",
    workspaceFolder: "/work/news",
    stat: (p) => files[p] ?? "missing",
    ...over,
  };
}

test("platform folder and binary names", () => {
  assert.equal(platformDir("linux", "x64"), "linux-x64");
  assert.equal(platformDir("darwin", "arm64"), "darwin-arm64");
  assert.equal(binaryName("linux"), "factlint");
  assert.equal(binaryName("win32"), "factlint.exe");
});

test("the setting wins over the bundled binary and PATH", () => {
  const r = findServer(
    input(
      { "/opt/factlint/bin/factlint": "executable", "/ext/server/linux-x64/factlint": "executable", "/usr/bin/factlint": "executable" },
      { configuredPath: "/opt/factlint/bin/factlint" },
    ),
  );
  assert.deepEqual(r, { found: true, command: "/opt/factlint/bin/factlint", source: "setting", needsChmod: false, tried: ["/opt/factlint/bin/factlint"] });
});

test("the setting expands ~, ${workspaceFolder} and relative paths", () => {
  const files: Record<string, FileKind> = {
    "/home/ana/.cargo/bin/factlint": "executable",
    "/work/news/target/release/factlint": "executable",
  };
  assert.equal((findServer(input(files, { configuredPath: "~/.cargo/bin/factlint" })) as { command: string }).command, "/home/ana/.cargo/bin/factlint");
  assert.equal(
    (findServer(input(files, { configuredPath: "${workspaceFolder}/target/release/factlint" })) as { command: string }).command,
    "/work/news/target/release/factlint",
  );
  assert.equal((findServer(input(files, { configuredPath: "target/release/factlint" })) as { command: string }).command, "/work/news/target/release/factlint");
  assert.equal(expandPath("  ~  ", { platform: "linux", homeDir: "/home/ana" }), "/home/ana");
  assert.equal(expandPath("C:\\tools\\factlint.exe", { platform: "win32", workspaceFolder: "D:\\news" }), "C:\\tools\\factlint.exe");
  assert.equal(expandPath("bin\\factlint.exe", { platform: "win32", workspaceFolder: "D:\\news" }), "D:\\news\\bin\\factlint.exe");
});

test("a wrong setting is reported, not replaced by another binary", () => {
  const bundled = { "/ext/server/linux-x64/factlint": "executable" as FileKind, "/opt/fl": "directory" as FileKind, "/opt/f": "file" as FileKind };
  const missing = findServer(input(bundled, { configuredPath: "/nope/factlint" }));
  assert.equal(missing.found, false);
  assert.ok(!missing.found && missing.reason === "setting" && missing.detail === "/nope/factlint does not exist");
  const dir = findServer(input(bundled, { configuredPath: "/opt/fl" }));
  assert.ok(!dir.found && /is a folder/.test(dir.detail ?? ""));
  const notExec = findServer(input(bundled, { configuredPath: "/opt/f" }));
  assert.ok(!notExec.found && /not executable/.test(notExec.detail ?? ""));
  if (!missing.found) {
    const msg = notFoundMessage(missing, "linux", "x64");
    assert.match(msg, /factlint\.path/);
    assert.match(msg, /\/nope\/factlint does not exist/);
  }
});

test("an empty setting counts as unset", () => {
  for (const configuredPath of [undefined, null, "", "   "]) {
    const r = findServer(input({ "/ext/server/linux-x64/factlint": "executable" }, { configuredPath }));
    assert.ok(r.found && r.source === "bundled" && r.command === "/ext/server/linux-x64/factlint");
  }
});

test("the bundled binary is used before PATH and chmodded when it lost its executable bit", () => {
  const r = findServer(input({ "/ext/server/linux-x64/factlint": "file", "/usr/bin/factlint": "executable" }));
  assert.ok(r.found && r.source === "bundled" && r.needsChmod);
});

test("only the binary for this platform and architecture is bundled-eligible", () => {
  const r = findServer(input({ "/ext/server/linux-x64/factlint": "executable", "/usr/bin/factlint": "executable" }, { arch: "arm64" }));
  assert.ok(r.found && r.source === "path" && r.command === "/usr/bin/factlint");
  assert.deepEqual(r.found && r.tried, ["/ext/server/linux-arm64/factlint", "/usr/local/bin/factlint", "/usr/bin/factlint"]);
});

test("PATH is searched in order, skipping empty entries and non-executables", () => {
  const r = findServer(input({ "/a/factlint": "file", "/b/factlint": "directory", "/c/factlint": "executable", "/d/factlint": "executable" }, { pathEnv: "::/a:/b:/c:/d" }));
  assert.ok(r.found && r.source === "path" && r.command === "/c/factlint");
});

test("Windows: PATHEXT and ; separators", () => {
  const r = findServer(
    input({ "C:\\cargo\\bin\\factlint.exe": "file" }, { platform: "win32", extensionPath: "C:\\ext", pathEnv: "C:\\Windows;C:\\cargo\\bin", pathExt: ".COM;.EXE" }),
  );
  assert.ok(r.found && r.command === "C:\\cargo\\bin\\factlint.exe" && r.source === "path");
  const b = findServer(input({ "C:\\ext\\server\\win32-x64\\factlint.exe": "file" }, { platform: "win32", extensionPath: "C:\\ext", pathEnv: "" }));
  assert.ok(b.found && b.source === "bundled" && !b.needsChmod);
});

test("nothing found: the message says how to fix it", () => {
  const r = findServer(input({}, { pathEnv: "/usr/bin" }));
  assert.equal(r.found, false);
  if (!r.found) {
    assert.equal(r.reason, "nowhere");
    assert.deepEqual(r.tried, ["/ext/server/linux-x64/factlint", "/usr/bin/factlint"]);
    const msg = notFoundMessage(r, "linux", "x64");
    assert.match(msg, /no factlint executable found/);
    assert.match(msg, /cargo install/);
    assert.match(msg, /factlint\.path/);
    assert.match(msg, /linux-x64/);
  }
});

test("no PATH at all", () => {
  const r = findServer(input({}, { pathEnv: undefined }));
  assert.ok(!r.found && r.tried.length === 1);
});
