// Finding the factlint executable: the `factlint.path` setting, else the binary bundled in the extension
// (server/<platform>-<arch>/factlint), else `factlint` on PATH.
//
// Pure: everything it needs from the machine comes in through `FindServerInput`, so `node --test` can test it
// without VS Code (see src/test/findServer.test.ts).

import * as path from "path";

export type FileKind = "executable" | "file" | "directory" | "missing";

export interface FindServerInput {
  /** The `factlint.path` setting (empty or whitespace means unset). */
  configuredPath?: string | null;
  /** Where the extension is installed (`ExtensionContext.extensionPath`). */
  extensionPath: string;
  /** `process.platform`. */
  platform: string;
  /** `process.arch`. */
  arch: string;
  /** The PATH environment variable. */
  pathEnv?: string;
  /** PATHEXT on Windows (default ".EXE;.CMD;.BAT;.COM"). */
  pathExt?: string;
  /** The home folder, for `~` in the setting. */
  homeDir?: string;
  /** The first workspace folder, for `${workspaceFolder}` and relative settings. */
  workspaceFolder?: string;
  /** What is at a path: an executable file, another file, a folder or nothing. */
  stat(p: string): FileKind;
}

export type ServerSource = "setting" | "bundled" | "path";

export type FindServerResult =
  | {
      found: true;
      command: string;
      source: ServerSource;
      /** The bundled binary lost its executable bit (some unzippers drop it): chmod it before use. */
      needsChmod: boolean;
      /** Every place looked at, in order. */
      tried: string[];
    }
  | {
      found: false;
      /** "setting": factlint.path is set but wrong; "nowhere": no setting, nothing bundled, not on PATH. */
      reason: "setting" | "nowhere";
      /** What was wrong with the configured path, when reason is "setting". */
      detail?: string;
      tried: string[];
    };

/** The folder name of the bundled binary for a platform and architecture, as in `server/linux-x64/`. */
export function platformDir(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

/** The executable's file name on a platform. */
export function binaryName(platform: string): string {
  return platform === "win32" ? "factlint.exe" : "factlint";
}

/** The path API for the target platform, so Windows paths are handled right when testing on Linux too. */
function pathApi(platform: string): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/**
 * Expands `~` and `${workspaceFolder}`/`${userHome}` in a configured path and makes it absolute
 * (relative to the workspace folder, else the home folder).
 */
export function expandPath(
  raw: string,
  opts: { platform: string; homeDir?: string; workspaceFolder?: string },
): string {
  const p = pathApi(opts.platform);
  let s = raw.trim();
  if (opts.workspaceFolder !== undefined) {
    s = s.split("${workspaceFolder}").join(opts.workspaceFolder);
  }
  if (opts.homeDir !== undefined) {
    s = s.split("${userHome}").join(opts.homeDir);
    if (s === "~") {
      s = opts.homeDir;
    } else if (s.startsWith("~/") || (opts.platform === "win32" && s.startsWith("~\\"))) {
      s = p.join(opts.homeDir, s.slice(2));
    }
  }
  if (!p.isAbsolute(s)) {
    const base = opts.workspaceFolder ?? opts.homeDir;
    if (base !== undefined) {
      s = p.resolve(base, s);
    }
  }
  return s;
}

/** Candidate file names for `factlint` in one PATH folder. */
function pathCandidates(dir: string, input: FindServerInput): string[] {
  const p = pathApi(input.platform);
  if (input.platform !== "win32") {
    return [p.join(dir, "factlint")];
  }
  const exts = (input.pathExt ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e.length > 0);
  return exts.map((e) => p.join(dir, "factlint" + e.toLowerCase()));
}

/** Looks for the server in the setting, the extension, then PATH; stops at the first hit. */
export function findServer(input: FindServerInput): FindServerResult {
  const p = pathApi(input.platform);
  const tried: string[] = [];

  const configured = (input.configuredPath ?? "").trim();
  if (configured.length > 0) {
    const full = expandPath(configured, input);
    tried.push(full);
    const kind = input.stat(full);
    if (kind === "executable" || (kind === "file" && input.platform === "win32")) {
      return { found: true, command: full, source: "setting", needsChmod: false, tried };
    }
    const detail =
      kind === "missing"
        ? `${full} does not exist`
        : kind === "directory"
          ? `${full} is a folder, not the factlint executable`
          : `${full} is not executable`;
    // A wrong setting is reported, not silently replaced by another binary.
    return { found: false, reason: "setting", detail, tried };
  }

  const bundled = p.join(input.extensionPath, "server", platformDir(input.platform, input.arch), binaryName(input.platform));
  tried.push(bundled);
  const bundledKind = input.stat(bundled);
  if (bundledKind === "executable" || bundledKind === "file") {
    return {
      found: true,
      command: bundled,
      source: "bundled",
      needsChmod: bundledKind === "file" && input.platform !== "win32",
      tried,
    };
  }

  const sep = input.platform === "win32" ? ";" : ":";
  for (const dir of (input.pathEnv ?? "").split(sep)) {
    if (dir.length === 0) {
      continue;
    }
    for (const candidate of pathCandidates(dir, input)) {
      tried.push(candidate);
      const kind = input.stat(candidate);
      if (kind === "executable" || (kind === "file" && input.platform === "win32")) {
        return { found: true, command: candidate, source: "path", needsChmod: false, tried };
      }
    }
  }
  return { found: false, reason: "nowhere", tried };
}

/** The notification shown when no server was found: what is wrong and how to fix it. */
export function notFoundMessage(result: Extract<FindServerResult, { found: false }>, platform: string, arch: string): string {
  if (result.reason === "setting") {
    return (
      `factlint: the setting factlint.path is wrong: ${result.detail}. ` +
      "Point it at the factlint executable (e.g. ~/.cargo/bin/factlint), or clear it to use the bundled binary or the one on PATH."
    );
  }
  return (
    `factlint: no factlint executable found (none bundled for ${platformDir(platform, arch)}, none on PATH). ` +
    "Install it with `cargo install --git https://github.com/factlint/factlint` (or `cargo install --path .` in a checkout), " +
    "or set factlint.path to the executable, then run \"factlint: Restart server\"."
  );
}
