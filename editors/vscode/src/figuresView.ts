// The "factlint" view in the Explorer and the corpus status-bar item. They display what the server
// answers to `factlint.corpus` and `factlint.figures` (items built in figuresModel.ts) and forward the
// user's choices: opening a source at a figure, revealing the quantity of the draft figure at the cursor,
// re-indexing.

import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, WorkDoneProgress, WorkDoneProgressCreateRequest } from "vscode-languageclient/node";
import {
  Briefing,
  byteRangeToOffsets,
  CorpusDocument,
  corpusNode,
  CorpusState,
  figuresNode,
  Node,
  selectedId,
  statusText,
  Target,
} from "./figuresModel";

const ICONS: Record<NonNullable<Node["icon"]>, string> = {
  book: "book",
  file: "file",
  warning: "warning",
  "symbol-number": "symbol-number",
  quote: "quote",
  info: "info",
};

export class FiguresView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Node[] = [corpusNode(undefined, "open a draft"), figuresNode(undefined, "open a draft")];
  private parents = new Map<string, Node>();
  private byId = new Map<string, Node>();
  private readonly tree: vscode.TreeView<Node>;
  private readonly status: vscode.StatusBarItem;
  private state: CorpusState = { running: false };
  private client: LanguageClient | undefined;
  private draft: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  /** The quantity of the draft figure at the cursor, once revealed. */
  private current: string | undefined;

  constructor(private readonly output: vscode.OutputChannel) {
    this.tree = vscode.window.createTreeView("factlint.figures", { treeDataProvider: this, showCollapseAll: true });
    this.status = vscode.window.createStatusBarItem("factlint.corpus", vscode.StatusBarAlignment.Left, 10);
    this.status.name = "factlint corpus";
    this.status.command = "factlint.showFigures";
    this.render();
    this.status.show();
    this.disposables.push(
      this.tree,
      this.status,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e !== undefined && isDraft(e.document)) {
          this.draft = e.document.uri;
          void this.refresh();
        }
      }),
      // The server publishes diagnostics after every check, including after (re-)indexing.
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.draft !== undefined && e.uris.some((u) => u.toString() === this.draft?.toString())) {
          this.schedule(() => this.refresh());
        }
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(task: () => Promise<unknown>): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void task(), 300);
  }

  /** A new client (start or restart): listen to its indexing progress. */
  attach(client: LanguageClient | undefined, error?: string): void {
    this.client = client;
    this.state = { running: client !== undefined, error };
    if (client !== undefined) {
      // The server announces each corpus load with window/workDoneProgress/create; follow it.
      client.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
        client.onProgress(WorkDoneProgress.type, params.token, (v) => {
          if (v.kind === "end") {
            this.state = { ...this.state, indexing: undefined };
            void this.refresh();
          } else {
            const prev = this.state.indexing ?? {};
            this.state = {
              ...this.state,
              indexing: { message: v.message ?? prev.message, percentage: v.percentage ?? prev.percentage },
            };
          }
          this.render();
        });
      });
      const active = vscode.window.activeTextEditor?.document;
      if (active !== undefined && isDraft(active)) {
        this.draft = active.uri;
      }
    }
    this.render();
    void this.refresh();
  }

  private render(): void {
    const { text, tooltip } = statusText(this.state);
    this.status.text = text;
    this.status.tooltip = tooltip;
  }

  private setRoots(roots: Node[]): void {
    this.roots = roots;
    this.parents.clear();
    this.byId.clear();
    const walk = (n: Node, parent?: Node) => {
      this.byId.set(n.id, n);
      if (parent !== undefined) this.parents.set(n.id, parent);
      n.children.forEach((c) => walk(c, n));
    };
    roots.forEach((r) => walk(r));
    this.changed.fire(undefined);
  }

  /** Asks the server for the draft's corpus and figure map, then shows them. */
  async refresh(position?: vscode.Position): Promise<Briefing | undefined> {
    const client = this.client;
    const draft = this.draft?.toString();
    if (client === undefined || draft === undefined) {
      return undefined;
    }
    const seq = ++this.seq;
    const args: unknown[] = [draft];
    if (position !== undefined) args.push({ line: position.line, character: position.character });
    const [docs, figures] = await Promise.all([
      client.sendRequest<{ documents: CorpusDocument[] }>("workspace/executeCommand", { command: "factlint.corpus", arguments: [draft] }).then(
        (r): { ok?: CorpusDocument[]; err?: string } => ({ ok: r?.documents }),
        (e): { ok?: CorpusDocument[]; err?: string } => ({ err: message(e) }),
      ),
      client.sendRequest<Briefing>("workspace/executeCommand", { command: "factlint.figures", arguments: args }).then(
        (r): { ok?: Briefing; err?: string } => ({ ok: r ?? undefined }),
        (e): { ok?: Briefing; err?: string } => ({ err: message(e) }),
      ),
    ]);
    if (seq !== this.seq) {
      return undefined;
    }
    const loading = "corpus loading…";
    const docsErr = docs.err !== undefined ? (docs.err.includes("Invalid request") ? loading : docs.err) : undefined;
    const figErr = figures.err !== undefined ? (figures.err.includes("Invalid request") ? loading : figures.err) : undefined;
    this.current = position !== undefined ? selectedId(figures.ok) : undefined;
    this.setRoots([corpusNode(docs.ok, docsErr), figuresNode(figures.ok, figErr)]);
    this.state = {
      ...this.state,
      documents: docs.ok?.length,
      error: docsErr !== undefined && docsErr !== loading ? docsErr : figErr !== undefined && figErr !== loading ? figErr : undefined,
    };
    this.render();
    return figures.ok;
  }

  /** Reveals the quantity the draft figure at the cursor aligns to, if it aligns to one. */
  async reveal(focus: boolean): Promise<boolean> {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || !isDraft(editor.document)) {
      return false;
    }
    this.draft = editor.document.uri;
    const b = await this.refresh(editor.selection.active);
    const id = selectedId(b);
    const node = id !== undefined ? this.byId.get(id) : undefined;
    if (node === undefined) {
      if (focus) void vscode.window.setStatusBarMessage("factlint: no quantity of the corpus at the cursor", 4000);
      return false;
    }
    // The quantity at the cursor is highlighted (refresh); only the command selects and focuses it.
    if (!focus) {
      // Following the cursor: the quantity is highlighted in place. TreeView.reveal would take the
      // keyboard focus from the editor (code-server does, even with focus: false).
      return true;
    }
    try {
      await this.tree.reveal(node, { select: true, focus: true, expand: true });
    } catch (e) {
      this.output.appendLine(`[client] revealing ${node.id}: ${message(e)}`);
      return false;
    }
    return true;
  }

  async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor !== undefined && isDraft(editor.document)) {
      this.draft = editor.document.uri;
    }
    await vscode.commands.executeCommand("factlint.figures.focus");
    await this.refresh();
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(
      n.id === this.current ? { label: n.label, highlights: [[0, n.label.length]] } : n.label,
      n.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : n.id === "corpus" || n.id === "figures" || (n.id.startsWith("q/") && n.icon === "warning")
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = n.id;
    item.description = n.description;
    item.tooltip = n.tooltip;
    if (n.icon !== undefined) {
      item.iconPath = new vscode.ThemeIcon(ICONS[n.icon]);
    }
    if (n.open !== undefined) {
      item.command = { command: "factlint.openSource", title: "Open source", arguments: [n.open] };
      item.contextValue = "source";
    }
    return item;
  }

  getChildren(n?: Node): Node[] {
    return n === undefined ? this.roots : n.children;
  }

  getParent(n: Node): Node | undefined {
    return this.parents.get(n.id);
  }

  /** The corpus documents currently listed (for "Open source" without an argument). */
  documents(): Node[] {
    return this.byId.get("corpus")?.children ?? [];
  }

  /** Opens a corpus file, selecting the figure's byte range when given. */
  async open(target: Target): Promise<void> {
    const file = path.isAbsolute(target.doc) ? target.doc : path.join(baseFolder(this.draft), target.doc);
    const uri = vscode.Uri.file(file);
    let selection: vscode.Range | undefined;
    if (target.start !== undefined && target.end !== undefined) {
      try {
        const [a, b] = byteRangeToOffsets(fs.readFileSync(file), target.start, target.end);
        const doc = await vscode.workspace.openTextDocument(uri);
        selection = new vscode.Range(doc.positionAt(a), doc.positionAt(b));
      } catch (e) {
        this.output.appendLine(`[client] reading ${file}: ${message(e)}`);
      }
    }
    await vscode.window.showTextDocument(uri, { selection, preview: true });
  }
}

/** The server runs in the first workspace folder: relative corpus paths are relative to it. */
function baseFolder(draft: vscode.Uri | undefined): string {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return first ?? (draft !== undefined ? path.dirname(draft.fsPath) : process.cwd());
}

function isDraft(doc: vscode.TextDocument): boolean {
  return (doc.languageId === "markdown" || doc.languageId === "plaintext") && (doc.uri.scheme === "file" || doc.uri.scheme === "untitled");
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
