import * as assert from "node:assert/strict";
import { test } from "node:test";
import { configurationItem, Inspected, needsRestart, resolveCorpusPath, serverSettings, userValue } from "../settings";

function inspector(values: Record<string, Inspected<unknown>>) {
  return (key: string) => values[key] ?? {};
}

test("only settings the user set are sent", () => {
  const { settings, problems } = serverSettings({ inspect: inspector({}), folder: "/w" });
  assert.deepEqual(settings, {});
  assert.deepEqual(problems, []);
});

test("the most specific level wins", () => {
  assert.equal(userValue({ globalValue: 1, workspaceValue: 2, workspaceFolderValue: 3 }), 3);
  assert.equal(userValue({ globalValue: 1, workspaceValue: 2 }), 2);
  assert.equal(userValue({ globalValue: 1 }), 1);
  assert.equal(userValue({ globalValue: null, workspaceValue: undefined }), undefined);
  assert.equal(userValue(undefined), undefined);
});

test("all four server settings, corpus paths made absolute", () => {
  const { settings, problems } = serverSettings({
    inspect: inspector({
      corpus: { workspaceValue: ["sources", "/srv/wire", "${workspaceFolder}/archive/**/*.md", "~/corpus", "  "] },
      severity: { globalValue: { "unsourced-claim": "hint", "quote-mismatch": "off" } },
      debounceMs: { globalValue: 300 },
      language: { workspaceValue: "de" },
    }),
    folder: "/w",
    homeDir: "/home/ana",
  });
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, {
    corpus: ["/w/sources", "/srv/wire", "/w/archive/**/*.md", "/home/ana/corpus"],
    severity: { "unsourced-claim": "hint", "quote-mismatch": "off" },
    debounceMs: 300,
    language: "de",
  });
});

test("an empty corpus list does not override .factlint.toml", () => {
  const { settings } = serverSettings({ inspect: inspector({ corpus: { globalValue: [] } }), folder: "/w" });
  assert.deepEqual(settings, {});
});

test("values of the wrong shape are dropped and reported", () => {
  const { settings, problems } = serverSettings({
    inspect: inspector({
      corpus: { globalValue: "sources" },
      severity: { globalValue: { "unsourced-claim": "loud", "made-up": "error", "number-conflict": "error" } },
      debounceMs: { globalValue: -5 },
      language: { globalValue: "fr" },
    }),
    folder: "/w",
  });
  assert.deepEqual(settings, { severity: { "number-conflict": "error" } });
  assert.equal(problems.length, 5);
  assert.ok(problems.some((p) => p.includes("made-up")));
  assert.ok(problems.some((p) => p.includes("loud")));
});

test("resolveCorpusPath without a folder leaves relative paths alone", () => {
  assert.equal(resolveCorpusPath("sources"), "sources");
  assert.equal(resolveCorpusPath("sources", "/w"), "/w/sources");
});

test("workspace/configuration items", () => {
  const s = { corpus: ["/w/sources"], debounceMs: 50 };
  assert.deepEqual(configurationItem("factlint", s), s);
  assert.deepEqual(configurationItem("factlint.corpus", s), ["/w/sources"]);
  assert.equal(configurationItem("factlint.language", s), null);
  assert.equal(configurationItem("editor", s), null);
  assert.equal(configurationItem(undefined, s), null);
});

test("restart on the settings the server reads, and on factlint.path", () => {
  const changed = (keys: string[]) => needsRestart((section) => keys.some((k) => k === section || k.startsWith(section + ".")));
  assert.ok(changed(["factlint.path"]));
  assert.ok(changed(["factlint.corpus"]));
  assert.ok(changed(["factlint.severity"]));
  assert.ok(changed(["factlint.debounceMs"]));
  assert.ok(changed(["factlint.language"]));
  assert.ok(!changed(["factlint.trace.server"]));
  assert.ok(!changed(["editor.fontSize"]));
});
