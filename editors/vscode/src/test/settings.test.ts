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

test("all six server settings, corpus paths made absolute", () => {
  const { settings, problems } = serverSettings({
    inspect: inspector({
      corpus: { workspaceValue: ["sources", "/srv/wire", "${workspaceFolder}/archive/**/*.md", "~/corpus", "  "] },
      severity: { globalValue: { "unsourced-claim": "hint", "quote-mismatch": "off" } },
      debounceMs: { globalValue: 300 },
      language: { workspaceValue: "de" },
      timeBudgetMs: { globalValue: 2500 },
      maxDocumentBytes: { workspaceFolderValue: 10485760 },
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
    timeBudgetMs: 2500,
    maxDocumentBytes: 10485760,
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
      timeBudgetMs: { globalValue: "10s" },
      maxDocumentBytes: { globalValue: -1 },
    }),
    folder: "/w",
  });
  assert.deepEqual(settings, { severity: { "number-conflict": "error" } });
  assert.equal(problems.length, 7);
  assert.ok(problems.some((p) => p.includes("made-up")));
  assert.ok(problems.some((p) => p.includes("loud")));
  assert.ok(problems.some((p) => p.startsWith("factlint.timeBudgetMs must be a number of milliseconds")));
  assert.ok(problems.some((p) => p.startsWith("factlint.maxDocumentBytes must be a number of bytes")));
});

test("time budget and document size limit: 0 is sent, fractions rounded, unusable numbers refused", () => {
  const run = (timeBudgetMs: unknown, maxDocumentBytes: unknown) =>
    serverSettings({
      inspect: inspector({
        timeBudgetMs: { globalValue: timeBudgetMs },
        maxDocumentBytes: { globalValue: maxDocumentBytes },
      }),
    });
  // 0 is a setting (no time limit), not "unset".
  assert.deepEqual(run(0, 0), { settings: { timeBudgetMs: 0, maxDocumentBytes: 0 }, problems: [] });
  assert.deepEqual(run(99.6, 1024.2), { settings: { timeBudgetMs: 100, maxDocumentBytes: 1024 }, problems: [] });
  // null is the package.json default: .factlint.toml applies.
  assert.deepEqual(run(null, null), { settings: {}, problems: [] });
  for (const bad of [Number.NaN, Infinity, 1e21, true, [5000], { ms: 5 }]) {
    const { settings, problems } = run(bad, bad);
    assert.deepEqual(settings, {}, String(bad));
    assert.deepEqual(
      problems,
      [
        "factlint.timeBudgetMs must be a number of milliseconds ≥ 0 (0: no limit)",
        "factlint.maxDocumentBytes must be a number of bytes ≥ 0",
      ],
      String(bad),
    );
  }
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
  assert.ok(changed(["factlint.timeBudgetMs"]));
  assert.ok(changed(["factlint.maxDocumentBytes"]));
  assert.ok(!changed(["factlint.trace.server"]));
  assert.ok(!changed(["editor.fontSize"]));
});
