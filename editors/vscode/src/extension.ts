// The factlint extension: starts `factlint lsp` for Markdown and plain-text documents through
// vscode-languageclient, passes the `factlint.*` settings, and restarts the server when they change.

import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import {
  ConfigurationParams,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { FileKind, findServer, notFoundMessage } from "./findServer";
import { configurationItem, needsRestart, serverSettings, ServerSettings } from "./settings";
import { FiguresView } from "./figuresView";
import { Target } from "./figuresModel";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let view: FiguresView;
let context: vscode.ExtensionContext;
/** Serializes start/stop/restart so a burst of setting changes does not start two servers. */
let queue: Promise<void> = Promise.resolve();

export function activate(ctx: vscode.ExtensionContext): void {
  context = ctx;
  output = vscode.window.createOutputChannel("factlint");
  ctx.subscriptions.push(output);
  view = new FiguresView(output);
  ctx.subscriptions.push(view);
  ctx.subscriptions.push(
    vscode.commands.registerCommand("factlint.showFigures", () => view.show()),
    vscode.commands.registerCommand("factlint.revealFigure", () => view.reveal(true)),
    vscode.commands.registerCommand("factlint.refreshFigures", () => view.refresh()),
    vscode.commands.registerCommand("factlint.openSource", async (target?: Target) => {
      if (target === undefined) {
        const docs = view.documents();
        const pick = await vscode.window.showQuickPick(
          docs.map((d) => ({ label: d.label, description: d.description, target: d.open })),
          { placeHolder: "A document of the story's corpus" },
        );
        target = pick?.target;
      }
      if (target !== undefined) {
        await view.open(target);
      }
    }),
    vscode.commands.registerCommand("factlint.reindexCorpus", async () => {
      if (client === undefined) {
        void vscode.window.showWarningMessage("factlint: the server is not running");
        return;
      }
      await client.sendRequest("workspace/executeCommand", { command: "factlint.reindex", arguments: [] });
    }),
  );
  ctx.subscriptions.push(
    vscode.commands.registerCommand("factlint.restartServer", () => enqueue(restart)),
    vscode.commands.registerCommand("factlint.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("factlint.addSourceFromUrl", addSourceFromUrl),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (needsRestart((section) => e.affectsConfiguration(section))) {
        output.appendLine("[client] factlint settings changed: restarting the server");
        enqueue(restart);
      }
    }),
  );
  enqueue(start);
}

/**
 * Asks for a URL and has the server save it into the corpus folder (`factlint.addSource`); the
 * server then reloads the corpus and re-checks open drafts.
 */
async function addSourceFromUrl(): Promise<void> {
  const url = await vscode.window.showInputBox({
    prompt: "URL of a source to add to the corpus (web page, feed, wire copy, PDF)",
    placeHolder: "https://",
    validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : "an http or https URL"),
  });
  if (!url) {
    return;
  }
  if (!client) {
    void vscode.window.showErrorMessage("factlint: the server is not running");
    return;
  }
  try {
    const answer = (await client.sendRequest("workspace/executeCommand", {
      command: "factlint.addSource",
      // The active draft's URI tells the server which story's corpus takes the source.
      arguments: [url.trim(), ...(vscode.window.activeTextEditor ? [vscode.window.activeTextEditor.document.uri.toString()] : [])],
    })) as { saved?: { path: string; action: string; note?: string | null }[]; errors?: string[] } | null;
    for (const s of answer?.saved ?? []) {
      output.appendLine(`[client] ${s.action} ${s.path}${s.note ? ` (${s.note})` : ""}`);
    }
    const errors = answer?.errors ?? [];
    if (errors.length > 0) {
      void vscode.window.showErrorMessage(`factlint: ${errors.join("; ")}`);
    } else {
      const n = answer?.saved?.length ?? 0;
      void vscode.window.showInformationMessage(`factlint: ${n} source${n === 1 ? "" : "s"} added`);
    }
  } catch (e) {
    void vscode.window.showErrorMessage(`factlint: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function deactivate(): Thenable<void> | undefined {
  return enqueue(stop);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task).catch((e) => {
    output.appendLine(`[client] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  });
  return queue;
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  view.attach(undefined, "the server is stopped");
  if (c !== undefined) {
    try {
      await c.stop(5000);
    } catch (e) {
      output.appendLine(`[client] stopping the server: ${String(e)}`);
    }
  }
}

function statKind(p: string): FileKind {
  try {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      return "directory";
    }
    if (process.platform === "win32") {
      return "executable";
    }
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return "executable";
    } catch {
      return "file";
    }
  } catch {
    return "missing";
  }
}

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The server's settings for a scope (a document or folder URI), or for the first workspace folder. */
function settingsFor(scope?: vscode.Uri): ServerSettings {
  const folder = scope !== undefined ? vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath : undefined;
  const config = vscode.workspace.getConfiguration("factlint", scope ?? null);
  const { settings, problems } = serverSettings({
    inspect: (key) => config.inspect(key),
    folder: folder ?? firstFolder(),
    homeDir: os.homedir(),
  });
  for (const p of problems) {
    output.appendLine(`[client] ignoring a setting: ${p}`);
  }
  return settings;
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration("factlint");
  const found = findServer({
    configuredPath: config.get<string | null>("path"),
    extensionPath: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    pathEnv: process.env.PATH,
    pathExt: process.env.PATHEXT,
    homeDir: os.homedir(),
    workspaceFolder: firstFolder(),
    stat: statKind,
  });
  if (!found.found) {
    const message = notFoundMessage(found, process.platform, process.arch);
    output.appendLine(`[client] ${message}`);
    output.appendLine(`[client] looked at: ${found.tried.join(", ")}`);
    void vscode.window.showErrorMessage(message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "factlint.path");
      } else if (choice === "Show Output") {
        output.show(true);
      }
    });
    return;
  }
  if (found.needsChmod) {
    try {
      fs.chmodSync(found.command, 0o755);
    } catch (e) {
      output.appendLine(`[client] could not make ${found.command} executable: ${String(e)}`);
    }
  }
  output.appendLine(`[client] starting ${found.command} lsp (${found.source})`);

  const folder = firstFolder();
  const serverOptions: ServerOptions = {
    command: found.command,
    args: ["lsp"],
    // vscode-languageclient appends --stdio, which `factlint lsp` accepts.
    transport: TransportKind.stdio,
    options: { cwd: folder, env: { ...process.env } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: settingsFor(),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` with the settings the user set, not the package.json defaults.
        configuration: (params: ConfigurationParams) =>
          params.items.map((item) => {
            const scope = item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined;
            return configurationItem(item.section, settingsFor(scope));
          }),
      },
    },
  };
  const c = new LanguageClient("factlint", "factlint", serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
    const info = c.initializeResult?.serverInfo;
    output.appendLine(`[client] server running${info ? `: ${info.name} ${info.version ?? ""}` : ""}`);
    view.attach(c);
  } catch (e) {
    view.attach(undefined, "the server did not start");
    output.appendLine(`[client] the server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window
      .showErrorMessage(`factlint: the language server did not start (${found.command}). See the output for details.`, "Show Output")
      .then((choice) => {
        if (choice === "Show Output") {
          output.show(true);
        }
      });
  }
}
