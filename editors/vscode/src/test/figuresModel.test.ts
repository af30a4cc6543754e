import * as assert from "node:assert/strict";
import { test } from "node:test";
import { Briefing, byteRangeToOffsets, corpusNode, figuresNode, selectedId, statusText } from "../figuresModel";

const briefing: Briefing = {
  quantities: [
    {
      id: "q1",
      label: "Verspätung",
      dimension: "duration",
      unit: "min",
      contested: true,
      variants: [
        { text: "etwa 30 Minuten", sources: [{ doc: "sources/welt.md", source: "Welt", sentence: "Der Livestream startete etwa 30 Minuten später.", start: 40, end: 55 }] },
        {
          text: "45 Minuten",
          sources: [
            { doc: "sources/bote.md", source: "Bote", speaker: "Polizei", sentence: "… mit 45 Minuten Verspätung.", start: 60, end: 70 },
            { doc: "sources/kurier.md", source: "Kurier", sentence: "… etwa 45 Minuten …", start: 61, end: 71 },
          ],
        },
      ],
    },
    { id: "q2", label: "vehicles", dimension: "count", contested: false, variants: [{ text: "About 68,000", sources: [] }] },
  ],
  selected: "q1",
};

test("the figure map keeps the server's order and marks contested quantities", () => {
  const n = figuresNode(briefing);
  assert.equal(n.description, "2 quantities, 1 contested");
  assert.deepEqual(n.children.map((c) => c.label), ["Verspätung", "vehicles"]);
  assert.equal(n.children[0].icon, "warning");
  assert.equal(n.children[0].description, "contested · 2 variants");
  assert.equal(n.children[1].icon, "symbol-number");
});

test("a variant lists its sources and opens the first at the figure", () => {
  const v = figuresNode(briefing).children[0].children[1];
  assert.equal(v.label, "45 Minuten");
  assert.equal(v.description, "Bote, Kurier");
  assert.deepEqual(v.open, { doc: "sources/bote.md", start: 60, end: 70 });
  assert.deepEqual(v.children.map((c) => c.label), ["Bote (Polizei)", "Kurier"]);
  assert.deepEqual(v.children[1].open, { doc: "sources/kurier.md", start: 61, end: 71 });
  // A variant without sources opens nothing.
  assert.equal(figuresNode(briefing).children[1].children[0].open, undefined);
});

test("the selected quantity is the server's", () => {
  assert.equal(selectedId(briefing), "q/q1");
  assert.equal(figuresNode(briefing).children[0].id, "q/q1");
  assert.equal(selectedId({ quantities: [] }), undefined);
  assert.equal(selectedId(undefined), undefined);
});

test("an empty map and a map not loaded yet say so", () => {
  assert.equal(figuresNode({ quantities: [] }).children[0].label, "no quantity stated by the sources");
  assert.equal(figuresNode(undefined).description, "loading…");
  assert.equal(figuresNode(undefined, "no draft open").description, "no draft open");
});

test("the corpus lists documents with outlet, date and title", () => {
  const n = corpusNode([
    { path: "sources/ledger.md", source: "Harbor Ledger", title: "Traffic", date: "2024-05-02" },
    { path: "sources/x.md", source: "x", title: null, date: null },
  ]);
  assert.equal(n.description, "2 documents");
  assert.deepEqual(n.children.map((c) => [c.label, c.description]), [["Harbor Ledger", "2024-05-02 · Traffic"], ["x", ""]]);
  assert.deepEqual(n.children[0].open, { doc: "sources/ledger.md" });
  assert.equal(corpusNode([{ path: "a", source: "A" }]).description, "1 document");
});

test("byte offsets become UTF-16 offsets", () => {
  const buf = Buffer.from("Für 😀 45 Minuten", "utf8");
  const start = buf.indexOf("45");
  assert.deepEqual(byteRangeToOffsets(buf, start, start + 2), [7, 9]);
  assert.deepEqual(byteRangeToOffsets(buf, 1000, 2000), [17, 17]);
});

test("the status bar shows documents, indexing progress and errors", () => {
  assert.equal(statusText({ running: true, documents: 3 }).text, "$(book) factlint: 3 docs");
  assert.equal(statusText({ running: true, documents: 1 }).text, "$(book) factlint: 1 doc");
  assert.equal(statusText({ running: true, documents: 3, indexing: { percentage: 41.6 } }).text, "$(sync~spin) factlint: indexing 42%");
  assert.equal(statusText({ running: true, error: "corpus path x does not exist" }).tooltip, "factlint: corpus path x does not exist");
  assert.equal(statusText({ running: false }).text, "$(error) factlint");
});
