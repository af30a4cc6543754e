// Drives a running code-server with the factlint extension installed, through headless Chromium:
// opens draft.md from the fixture workspace, waits for factlint's squiggles, reads the Problems panel,
// applies a quick fix that inserts an attribution and checks the editor text. Then a story with its own
// corpus (stories/stream): the factlint view in the Explorer lists its corpus and a contested quantity, a
// variant opens its source with the figure selected, the draft figure's quantity is revealed in the view and
// the disputed figure's quick fix is applied.
//
// Run by tests/editors/vscode.sh, which starts code-server. Environment:
//   FACTLINT_E2E_URL        code-server's address, e.g. http://127.0.0.1:8123
//   FACTLINT_E2E_WORKSPACE  the workspace folder (a copy of tests/vscode/workspace)
//   FACTLINT_E2E_ARTIFACTS  where screenshots and the result summary go
//   FACTLINT_E2E_TOOLS      the folder whose node_modules has playwright-core
//   FACTLINT_E2E_TIMEOUT    seconds to wait for diagnostics (default 90)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";

const url = need("FACTLINT_E2E_URL");
const workspace = need("FACTLINT_E2E_WORKSPACE");
const artifacts = need("FACTLINT_E2E_ARTIFACTS");
const tools = need("FACTLINT_E2E_TOOLS");
const diagnosticsTimeout = Number(process.env.FACTLINT_E2E_TIMEOUT ?? "90") * 1000;
const { chromium } = createRequire(join(tools, "package.json"))("playwright-core");

function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`e2e: ${name} is not set`);
    process.exit(2);
  }
  return v;
}

mkdirSync(artifacts, { recursive: true });
const started = Date.now();
const log = (msg) => console.log(`e2e [${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const failures = [];
const check = (ok, what) => {
  log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
  return ok;
};
const clean = (s) => (s ?? "").replace(/\u00a0/g, " ");

const browser = await chromium.launch({
  executablePath: process.env.FACTLINT_E2E_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
page.setDefaultTimeout(30_000);
let shot = 0;
const screenshot = async (name) => {
  const file = join(artifacts, `${String(++shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file }).catch((e) => log(`screenshot ${name} failed: ${e.message}`));
  return file;
};

/** Runs a command through the command palette. */
async function runCommand(title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible" });
  await input.fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ state: "visible" });
  await page.keyboard.press("Enter");
}

/** The text of the Problems panel's rows (message, source, code, position). */
async function problemRows() {
  const rows = page.locator(".markers-panel .monaco-list-row");
  const n = await rows.count();
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = rows.nth(i);
    out.push(clean(`${await r.innerText().catch(() => "")} | ${(await r.getAttribute("aria-label").catch(() => "")) ?? ""}`));
  }
  return out;
}

/** The visible text of the active editor, line by line. */
async function editorText() {
  return clean(await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().innerText());
}

let exitCode = 0;
const summary = { problems: [], textAfterFix: null, failures };
try {
  log(`opening ${url}/?folder=${workspace}`);
  await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 60_000 });
  await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ state: "visible", timeout: 60_000 });
  await screenshot("workbench");

  log("opening draft.md");
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "draft.md" }).first().dblclick();
  await page.locator(".monaco-editor .view-lines", { hasText: "Kessler Bridge" }).first().waitFor({ state: "visible" });
  await screenshot("draft-open");

  log("waiting for factlint diagnostics (squiggles)");
  const squiggle = page.locator(".monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info");
  const gotDiagnostics = await squiggle
    .first()
    .waitFor({ state: "attached", timeout: diagnosticsTimeout })
    .then(() => true)
    .catch(() => false);
  if (!check(gotDiagnostics, `the server published diagnostics for draft.md within ${diagnosticsTimeout / 1000} s`)) {
    await screenshot("no-diagnostics");
    await runCommand("factlint: Show output").catch(() => {});
    await page.waitForTimeout(1000);
    await screenshot("factlint-output");
    throw new Error("no diagnostics");
  }

  log("reading the Problems panel");
  await page.keyboard.press("Control+Shift+M");
  const rowsLocator = page.locator(".markers-panel .monaco-list-row");
  await rowsLocator.first().waitFor({ state: "visible" });
  // Give the server a moment to publish everything (both rules), then read.
  let rows = [];
  for (let i = 0; i < 20; i++) {
    rows = await problemRows();
    if (rows.some((r) => r.includes("number-conflict")) && rows.some((r) => r.includes("unsourced-claim"))) break;
    await page.waitForTimeout(500);
  }
  summary.problems = rows;
  for (const r of rows) log(`  problem: ${r.split(" | ")[0].replace(/\n/g, " ⏎ ")}`);
  // Line 3 of draft.md: "About 90,000 vehicles cross the Kessler Bridge every day." (the corpus says 68,000).
  check(
    rows.some((r) => r.includes("number-conflict") && /\bfactlint\b/.test(r) && /Ln 3\b|line 3\b/i.test(r)),
    "Problems lists a factlint number-conflict on line 3 (90,000 against the Ledger's 68,000)",
  );
  check(rows.some((r) => r.includes("unsourced-claim") && /\bfactlint\b/.test(r)), "Problems lists a factlint unsourced-claim");
  await screenshot("problems");

  log("applying a quick fix that inserts an attribution");
  const before = await editorText();
  check(!before.includes("Harbor Ledger"), "the draft does not name Harbor Ledger before the fix");
  // Prefer the unsourced claim about the ferries (line 5); any unsourced-claim row will do.
  const claimRows = rowsLocator.filter({ hasText: "unsourced-claim" });
  let target = claimRows.filter({ hasText: /Ln 5\b/ }).first();
  if ((await target.count()) === 0) target = claimRows.first();
  const targetText = clean(await target.innerText());
  const line = /Ln (\d+)/.exec(targetText)?.[1];
  // Double-click the message (not the rule id, which links to the rule's docs): moves the cursor to the
  // problem and focuses the editor.
  await target.dblclick({ position: { x: 90, y: 10 } });
  if (line) {
    const at = await page
      .locator(".statusbar-item", { hasText: new RegExp(`Ln ${line}, Col`) })
      .first()
      .waitFor({ state: "visible", timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    check(at, `the cursor moved to the unsourced claim on line ${line}`);
  }
  await page.waitForTimeout(300);
  await page.keyboard.press("Control+.");
  const actions = page.locator(".action-widget .monaco-list-row.action");
  const menuShown = await actions
    .first()
    .waitFor({ state: "visible", timeout: 10_000 })
    .then(() => true)
    .catch(() => false);
  await screenshot("quick-fix-menu");
  if (check(menuShown, "the quick-fix menu opens on the unsourced claim")) {
    const titles = (await actions.allInnerTexts()).map(clean);
    log(`  quick fixes: ${JSON.stringify(titles)}`);
    // The attribution fix names the source ("according to Harbor Ledger"); accept another attribution title
    // as long as its edit inserts the source's name, which is checked below.
    let index = titles.findIndex((t) => t.includes("Harbor Ledger"));
    if (index < 0) index = titles.findIndex((t) => /according to|attribut|laut /i.test(t));
    if (check(index >= 0, "a quick fix offers an attribution")) {
      log(`  applying: ${titles[index]}`);
      // The menu sits under a pointer-blocking overlay: choose with the keyboard (the first action is focused).
      for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
      const focused = clean(await page.locator(".action-widget .monaco-list-row.action.focused").first().innerText().catch(() => ""));
      check(focused === titles[index], `the focused quick fix is the attribution (${focused})`);
      await page.keyboard.press("Enter");
      let after = "";
      for (let i = 0; i < 20; i++) {
        after = await editorText();
        // The rendered editor wraps long lines: compare with whitespace collapsed.
        if (after.replace(/\s+/g, " ").includes("Harbor Ledger")) break;
        await page.waitForTimeout(250);
      }
      summary.textAfterFix = after;
      log(`  text after the fix:\n${after.replace(/^/gm, "    ")}`);
      check(after.replace(/\s+/g, " ").includes("Harbor Ledger"), "after the fix the draft names Harbor Ledger");
      check(after.includes("15 minutes") && after.includes("90,000"), "the fix kept the rest of the draft");
      await page.keyboard.press("Escape");
      await page.waitForTimeout(1500);
      await screenshot("after-fix");
    }
  }
  // Back to the draft as written.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.locator(".editor-group-container.active .monaco-editor .view-lines").first().click();
  await page.keyboard.press("Control+Z");
  await page.waitForTimeout(500);

  log("the extension's commands: Restart server, Show output");
  await runCommand("factlint: Restart server");
  await page.waitForTimeout(1500);
  await runCommand("factlint: Show output");
  // The log itself (which binary, both starts) is checked from its file by vscode.sh: the panel shows only
  // its last lines, and the LSP trace fills those.
  const channel = await page
    .locator(".part.panel select.monaco-select-box")
    .first()
    .evaluate((sel) => sel.options[sel.selectedIndex]?.text ?? "")
    .catch(() => "");
  await page.waitForTimeout(500);
  await screenshot("output");
  check(channel === "factlint", `Show output shows the factlint output channel (${channel || "none"})`);
  const back = await page
    .locator(".monaco-editor .squiggly-error")
    .first()
    .waitFor({ state: "attached", timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  check(back, "diagnostics are back after the restart");

  // The README picture: the draft with squiggles, the hover on the conflicting figure and the Problems panel.
  await page.keyboard.press("Control+Shift+M");
  await page.waitForTimeout(500);
  const fig = page.locator(".editor-group-container.active .view-line", { hasText: "90,000" }).first();
  const box = (await fig.count()) > 0 ? await fig.boundingBox() : null;
  if (box) {
    await page.mouse.move(box.x + 60, box.y + box.height / 2);
    await page.locator(".monaco-hover").first().waitFor({ state: "visible", timeout: 8000 }).catch(() => {});
    await page.waitForTimeout(500);
  }
  await screenshot("readme");

  // A story with its own corpus (stories/stream/.factlint.toml) whose sources disagree about a delay: the
  // factlint view lists the corpus and the contested quantity, a variant opens its source at the figure,
  // the cursor on the draft's figure reveals its quantity, and the disputed figure's quick fix attributes it.
  log("opening the story stories/stream/draft.md");
  await page.mouse.move(5, 400);
  await page.keyboard.press("Escape");
  // The Explorer compacts the folder chain into one row "stories / stream".
  await page.locator('.explorer-folders-view .monaco-list-row[aria-level="1"]', { hasText: "stories" }).first().click();
  await page.locator('.explorer-folders-view .monaco-list-row:not([aria-level="1"])', { hasText: "draft.md" }).first().dblclick();
  await page.locator(".editor-group-container.active .monaco-editor .view-lines", { hasText: "Livestream" }).first().waitFor({ state: "visible" });
  await page.locator(".monaco-editor .squiggly-warning").first().waitFor({ state: "attached", timeout: diagnosticsTimeout });
  // Room for the factlint view: fold the file tree.
  await page.locator(".pane-header", { hasText: /^\s*workspace/i }).first().click();
  await runCommand("factlint: Show figures");
  const view = page.locator(".pane", { has: page.locator(".pane-header", { hasText: /factlint/i }) }).last();
  const rowsIn = (text) => view.locator(".monaco-list-row", { hasText: text });
  const contested = await rowsIn("contested").first().waitFor({ state: "visible", timeout: 30_000 }).then(() => true).catch(() => false);
  check(contested, "the factlint view lists a contested quantity");
  const viewText = clean(await view.innerText().catch(() => ""));
  summary.figuresView = viewText;
  log(`  factlint view:\n${viewText.replace(/^/gm, "    ")}`);
  check(/Corpus\s*2 documents/.test(viewText) && viewText.includes("Welt") && viewText.includes("Bote"), "the view lists the story's corpus: Welt and Bote");
  check(viewText.includes("2024-03-02"), "the corpus documents show their dates");
  check(viewText.includes("etwa 30 Minuten") && viewText.includes("45 Minuten"), "the contested quantity shows both variants");
  const status = await page.locator(".statusbar-item", { hasText: "factlint: 2 docs" }).first().waitFor({ state: "visible", timeout: 10_000 }).then(() => true).catch(() => false);
  check(status, "the status bar shows the story's corpus (2 docs)");
  await screenshot("figures-view");

  log("opening a variant's source from the view");
  await rowsIn("etwa 30 Minuten").first().click();
  const opened = await page.locator(".tabs-container .tab.active", { hasText: "welt.md" }).first().waitFor({ state: "visible", timeout: 10_000 }).then(() => true).catch(() => false);
  check(opened, "selecting the variant opens sources/welt.md");
  const onFigure = await page.locator(".statusbar-item", { hasText: /Ln 8, Col 25 \(15 selected\)|Ln 8, Col 40 \(15 selected\)/ }).first().waitFor({ state: "visible", timeout: 5000 }).then(() => true).catch(() => false);
  check(onFigure, "the source opens with its figure selected (line 8, 'etwa 30 Minuten')");
  await screenshot("source-open");

  await page.locator(".tabs-container .tab", { hasText: "draft.md" }).last().click();
  await page.locator(".editor-group-container.active .view-lines", { hasText: "Livestream" }).first().waitFor({ state: "visible" });
  // The cursor into "45 Minuten" (line 7, after "Der Livestream startete mit ", or after
  // "… startete laut Bote mit " once the fix is applied), with the keyboard.
  const cursorToFigure = async (column = 30) => {
    await page.locator(".editor-group-container.active .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Home");
    for (let i = 0; i < column; i++) await page.keyboard.press("ArrowRight");
    await page.locator(".statusbar-item", { hasText: `Ln 7, Col ${column + 1}` }).first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {});
  };
  log("applying the disputed figure's quick fix (laut Bote)");
  await cursorToFigure();
  await page.waitForTimeout(500);
  await page.keyboard.press("Control+.");
  const storyActions = page.locator(".action-widget .monaco-list-row.action");
  if (check(await storyActions.first().waitFor({ state: "visible", timeout: 10_000 }).then(() => true).catch(() => false), "the quick-fix menu opens on the disputed figure")) {
    const titles = (await storyActions.allInnerTexts()).map(clean);
    log(`  quick fixes: ${JSON.stringify(titles)}`);
    const index = titles.findIndex((t) => t.includes("laut Bote"));
    if (check(index >= 0, "a quick fix attributes the figure to Bote")) {
      for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      let after = "";
      for (let i = 0; i < 20; i++) {
        after = await editorText();
        if (after.includes("laut Bote")) break;
        await page.waitForTimeout(250);
      }
      // The attribution goes after the finite verb, as an editor would write it.
      check(after.includes("startete laut Bote mit 45 Minuten Verspätung"), "after the fix the draft says 'startete laut Bote mit 45 Minuten'");
    }
  }
  await page.waitForTimeout(1000);
  await screenshot("story-after-fix");

  log("revealing the quantity of the draft's figure");
  // Select another row first: revealing must move the selection to the quantity.
  await rowsIn("2 documents").first().click();
  const elsewhere = await view.locator(".monaco-list-row.selected", { hasText: "2 documents" }).first().waitFor({ state: "visible", timeout: 5000 }).then(() => true).catch(() => false);
  check(elsewhere, "before revealing, the Corpus row is selected");
  await cursorToFigure(40);
  await runCommand("factlint: Reveal the figure's quantity");
  const revealed = await view.locator(".monaco-list-row.selected", { hasText: "contested" }).first().waitFor({ state: "visible", timeout: 10_000 }).then(() => true).catch(() => false);
  check(revealed, "the draft figure's quantity is selected in the view");

  log("adding a source from a URL served by this test");
  // "factlint: Add source from URL…" with the story's draft active: the server fetches the page,
  // saves it as Markdown into the story's sources/ and reloads that corpus.
  const page_html = `<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>Hafenfest: Stream startete verspätet</title><meta property="og:site_name" content="Hafenkurier">
<meta property="article:published_time" content="2026-08-13T10:00:00Z"></head><body>
<nav><a href="/">Start</a> <a href="/lokales">Lokales</a></nav><article><h1>Hafenfest: Stream startete verspätet</h1>
<p>Der Livestream vom Hafenfest begann am Abend mit deutlicher Verspätung. Nach Angaben der Veranstalter lag das an
einer überlasteten Leitung im Pressezentrum, die erst nach mehreren Versuchen wieder stabil lief.</p>
<p>Die Übertragung startete schließlich rund 40 Minuten später als geplant. Viele Zuschauer hatten sich bis dahin
bereits über die sozialen Netzwerke beschwert und die Organisatoren um eine Erklärung gebeten.</p>
<p>Die Veranstalter entschuldigten sich noch am selben Abend und kündigten an, die Technik für das kommende Jahr
grundlegend zu erneuern. Der Mitschnitt des Abends soll in den nächsten Tagen online gestellt werden.</p>
</article><footer>Impressum</footer></body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(page_html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const sourcesDir = join(workspace, "stories", "stream", "sources");
    const before = new Set(existsSync(sourcesDir) ? readdirSync(sourcesDir) : []);
    await cursorToFigure(40);
    await runCommand("factlint: Add source from URL");
    const box = page.locator(".quick-input-widget input");
    await box.waitFor({ state: "visible" });
    await box.fill(`http://127.0.0.1:${server.address().port}/hafenfest.html`);
    await page.keyboard.press("Enter");
    let added = null;
    for (let i = 0; i < 80 && !added; i++) {
      await page.waitForTimeout(250);
      added = (existsSync(sourcesDir) ? readdirSync(sourcesDir) : []).find((f) => !before.has(f) && f.endsWith(".md")) ?? null;
    }
    check(added !== null, "the added source is saved into the story's sources/");
    if (added) {
      const text = readFileSync(join(sourcesDir, added), "utf8");
      check(/source: "?Hafenkurier/.test(text), "the saved source names the outlet from the page");
      check(text.includes("rund 40 Minuten später als geplant") && !text.includes("Impressum"), "the saved source holds the article, not the page furniture");
      const counted = await view.locator(".monaco-list-row", { hasText: "3 documents" }).first().waitFor({ state: "visible", timeout: 20_000 }).then(() => true).catch(() => false);
      check(counted, "after the corpus reloads, the view lists 3 documents");
      await screenshot("story-source-added");
    }
  } finally {
    server.close();
  }

} catch (e) {
  failures.push(`error: ${e.message}`);
  log(`error: ${e.stack ?? e.message}`);
  await screenshot("error");
} finally {
  await browser.close();
  writeFileSync(join(artifacts, "result.json"), JSON.stringify(summary, null, 2));
}
if (failures.length > 0) {
  console.log(`e2e: ${failures.length} failed: ${failures.join("; ")}`);
  exitCode = 1;
} else {
  console.log("e2e: all checks passed");
}
process.exit(exitCode);
