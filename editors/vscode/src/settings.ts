// The `factlint.*` settings as the server reads them: initializationOptions and the answer to
// `workspace/configuration` (section "factlint"): { corpus, severity, debounceMs, language, timeBudgetMs,
// maxDocumentBytes }.
//
// Only settings the user actually set are sent, so that `.factlint.toml` keeps applying to everything else
// (sending the defaults, e.g. `corpus: []`, would override the file). Pure, tested by src/test/settings.test.ts.

import * as path from "path";

export const RULE_IDS = ["unsourced-claim", "number-conflict", "disputed-figure", "misattributed-figure", "quote-mismatch"] as const;
export const SEVERITIES = ["off", "hint", "info", "warning", "error"] as const;
export const LANGUAGES = ["de", "en", "auto"] as const;

/** The keys under `factlint.` that the server reads. */
export const SERVER_KEYS = ["corpus", "severity", "debounceMs", "language", "timeBudgetMs", "maxDocumentBytes"] as const;
/** Keys whose change needs a new server process (the others are read at start-up, so also restart). */
export const RESTART_KEYS = ["path", ...SERVER_KEYS] as const;

export interface ServerSettings {
  corpus?: string[];
  severity?: Record<string, string>;
  debounceMs?: number;
  language?: string;
  /** Milliseconds one analysis may take; 0: no limit (`.factlint.toml` `time-budget-ms`). */
  timeBudgetMs?: number;
  /** Larger drafts are not analysed (`.factlint.toml` `max-document-bytes`). */
  maxDocumentBytes?: number;
}

/** What `WorkspaceConfiguration.inspect` says about one key, reduced to what matters here. */
export interface Inspected<T> {
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value the user set, at the most specific level; `undefined` when only the default applies. */
export function userValue<T>(i: Inspected<T> | undefined): T | undefined {
  if (i === undefined) {
    return undefined;
  }
  for (const v of [i.workspaceFolderValue, i.workspaceValue, i.globalValue]) {
    if (v !== undefined && v !== null) {
      return v;
    }
  }
  return undefined;
}

export interface SettingsInput {
  inspect(key: string): Inspected<unknown> | undefined;
  /** The folder relative corpus paths are resolved against (the scope's workspace folder). */
  folder?: string;
  homeDir?: string;
}

/** Builds the server's configuration from the user's settings; drops and reports values of the wrong shape. */
export function serverSettings(input: SettingsInput): { settings: ServerSettings; problems: string[] } {
  const settings: ServerSettings = {};
  const problems: string[] = [];

  const corpus = userValue(input.inspect("corpus"));
  if (corpus !== undefined) {
    if (Array.isArray(corpus) && corpus.every((c) => typeof c === "string")) {
      const entries = (corpus as string[]).map((c) => c.trim()).filter((c) => c.length > 0);
      if (entries.length > 0) {
        settings.corpus = entries.map((c) => resolveCorpusPath(c, input.folder, input.homeDir));
      }
    } else {
      problems.push("factlint.corpus must be a list of paths");
    }
  }

  const severity = userValue(input.inspect("severity"));
  if (severity !== undefined) {
    if (typeof severity === "object" && !Array.isArray(severity)) {
      const out: Record<string, string> = {};
      for (const [rule, level] of Object.entries(severity as Record<string, unknown>)) {
        if (!(RULE_IDS as readonly string[]).includes(rule)) {
          problems.push(`factlint.severity: unknown rule "${rule}" (rules: ${RULE_IDS.join(", ")})`);
        } else if (typeof level !== "string" || !(SEVERITIES as readonly string[]).includes(level)) {
          problems.push(`factlint.severity.${rule}: "${String(level)}" is not one of ${SEVERITIES.join(", ")}`);
        } else {
          out[rule] = level;
        }
      }
      if (Object.keys(out).length > 0) {
        settings.severity = out;
      }
    } else {
      problems.push("factlint.severity must be an object of rule id to severity");
    }
  }

  const debounce = userValue(input.inspect("debounceMs"));
  if (debounce !== undefined) {
    if (typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0) {
      settings.debounceMs = Math.round(debounce);
    } else {
      problems.push("factlint.debounceMs must be a number of milliseconds ≥ 0");
    }
  }

  const budget = userValue(input.inspect("timeBudgetMs"));
  if (budget !== undefined) {
    const ms = wholeNumber(budget);
    if (ms !== undefined) {
      settings.timeBudgetMs = ms;
    } else {
      problems.push("factlint.timeBudgetMs must be a number of milliseconds ≥ 0 (0: no limit)");
    }
  }

  const maxBytes = userValue(input.inspect("maxDocumentBytes"));
  if (maxBytes !== undefined) {
    const n = wholeNumber(maxBytes);
    if (n !== undefined) {
      settings.maxDocumentBytes = n;
    } else {
      problems.push("factlint.maxDocumentBytes must be a number of bytes ≥ 0");
    }
  }

  const language = userValue(input.inspect("language"));
  if (language !== undefined) {
    if (typeof language === "string" && (LANGUAGES as readonly string[]).includes(language)) {
      settings.language = language;
    } else {
      problems.push(`factlint.language must be one of ${LANGUAGES.join(", ")}`);
    }
  }

  return { settings, problems };
}

/**
 * `v` rounded to a whole number when it is a number ≥ 0 the server can read as an unsigned integer (JSON
 * prints larger ones in exponent notation); else `undefined`.
 */
function wholeNumber(v: unknown): number | undefined {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    return undefined;
  }
  const n = Math.round(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A corpus entry made absolute: `~` and `${workspaceFolder}` expanded, relative ones against the folder. */
export function resolveCorpusPath(entry: string, folder?: string, homeDir?: string): string {
  let s = entry;
  if (folder !== undefined) {
    s = s.split("${workspaceFolder}").join(folder);
  }
  if (homeDir !== undefined && (s === "~" || s.startsWith("~/"))) {
    s = path.join(homeDir, s.slice(1));
  }
  if (!path.isAbsolute(s) && folder !== undefined) {
    s = path.join(folder, s);
  }
  return s;
}

/** The answer to one `workspace/configuration` item: the whole section or one key of it. */
export function configurationItem(section: string | undefined, settings: ServerSettings): unknown {
  if (section === "factlint") {
    return settings;
  }
  if (section !== undefined && section.startsWith("factlint.")) {
    const key = section.slice("factlint.".length) as keyof ServerSettings;
    return settings[key] ?? null;
  }
  return null;
}

/** Whether a configuration change needs the server restarted. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return RESTART_KEYS.some((k) => affects(`factlint.${k}`));
}
