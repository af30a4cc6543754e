// The factlint view's items, from what the server returns: `factlint.corpus` ({documents}) and
// `factlint.figures` ({quantities, selected?}). Display only: which quantities are contested, their
// order and which quantity a draft figure aligns to are decided by the server. No `vscode` import, so
// this is unit-tested with `node --test`.

export interface CorpusDocument {
  path: string;
  source: string;
  title?: string | null;
  date?: string | null;
}

export interface SourceView {
  doc: string;
  source: string;
  speaker?: string | null;
  sentence: string;
  start: number;
  end: number;
}

export interface VariantView {
  text: string;
  sources: SourceView[];
}

export interface QuantityView {
  id: string;
  label: string;
  dimension: string;
  unit?: string | null;
  contested: boolean;
  variants: VariantView[];
}

export interface Briefing {
  quantities: QuantityView[];
  selected?: string;
}

/** Where selecting an item goes: a corpus file, at a figure's byte range when known. */
export interface Target {
  doc: string;
  start?: number;
  end?: number;
}

export interface Node {
  /** Stable within one answer: the view reveals a quantity by it. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: "book" | "file" | "warning" | "symbol-number" | "quote" | "info";
  open?: Target;
  children: Node[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The corpus group: every document with its outlet, date and title. */
export function corpusNode(docs: CorpusDocument[] | undefined, error?: string): Node {
  if (docs === undefined) {
    return { id: "corpus", label: "Corpus", description: error ?? "loading…", icon: "book", children: [] };
  }
  return {
    id: "corpus",
    label: "Corpus",
    description: plural(docs.length, "document"),
    icon: "book",
    children: docs.map((d, i) => ({
      id: `corpus/${i}`,
      label: d.source,
      description: [d.date, d.title].filter((x) => x).join(" · "),
      tooltip: d.path,
      icon: "file",
      open: { doc: d.path },
      children: [],
    })),
  };
}

/** The figure map group, in the server's order (contested first). */
export function figuresNode(b: Briefing | undefined, error?: string): Node {
  if (b === undefined) {
    return { id: "figures", label: "Figures", description: error ?? "loading…", icon: "symbol-number", children: [] };
  }
  const contested = b.quantities.filter((q) => q.contested).length;
  const children = b.quantities.map(quantityNode);
  if (children.length === 0) {
    children.push({ id: "figures/none", label: "no quantity stated by the sources", icon: "info", children: [] });
  }
  return {
    id: "figures",
    label: "Figures",
    description: `${plural(b.quantities.length, "quantity", "quantities")}, ${contested} contested`,
    icon: "symbol-number",
    children,
  };
}

export function quantityNode(q: QuantityView): Node {
  return {
    id: `q/${q.id}`,
    label: q.label,
    description: `${q.contested ? "contested · " : ""}${plural(q.variants.length, "variant")}`,
    tooltip: `${q.label} (${q.dimension}${q.unit ? `, ${q.unit}` : ""})`,
    icon: q.contested ? "warning" : "symbol-number",
    children: q.variants.map((v, i) => variantNode(q, v, i)),
  };
}

function variantNode(q: QuantityView, v: VariantView, i: number): Node {
  const first = v.sources[0];
  return {
    id: `q/${q.id}/${i}`,
    label: v.text,
    description: v.sources.map((s) => s.source).join(", "),
    tooltip: first?.sentence,
    icon: "symbol-number",
    open: first !== undefined ? { doc: first.doc, start: first.start, end: first.end } : undefined,
    children: v.sources.map((s, j) => ({
      id: `q/${q.id}/${i}/${j}`,
      label: s.source + (s.speaker ? ` (${s.speaker})` : ""),
      description: s.sentence,
      tooltip: `${s.doc}: ${s.sentence}`,
      icon: "quote",
      open: { doc: s.doc, start: s.start, end: s.end },
      children: [],
    })),
  };
}

/** The id of the node the server selected (the quantity a draft figure aligns to), if any. */
export function selectedId(b: Briefing | undefined): string | undefined {
  return b?.selected !== undefined ? `q/${b.selected}` : undefined;
}

/** The UTF-16 offsets (what editors count) of a byte range in a file's content. */
export function byteRangeToOffsets(content: Buffer, start: number, end: number): [number, number] {
  const s = Math.max(0, Math.min(start, content.length));
  const e = Math.max(s, Math.min(end, content.length));
  const a = content.subarray(0, s).toString("utf8").length;
  return [a, a + content.subarray(s, e).toString("utf8").length];
}

export interface CorpusState {
  /** Documents of the active story's corpus, once listed. */
  documents?: number;
  /** Indexing in progress: the server's `$/progress` message and percentage. */
  indexing?: { message?: string; percentage?: number };
  error?: string;
  running: boolean;
}

/** The status-bar item's text and tooltip. */
export function statusText(s: CorpusState): { text: string; tooltip: string } {
  if (!s.running) {
    return { text: "$(error) factlint", tooltip: s.error ?? "factlint: the server is not running" };
  }
  if (s.indexing !== undefined) {
    const pct = s.indexing.percentage !== undefined ? ` ${Math.round(s.indexing.percentage)}%` : "";
    return {
      text: `$(sync~spin) factlint: indexing${pct}`,
      tooltip: `factlint: indexing the corpus${s.indexing.message ? ` (${s.indexing.message})` : ""}`,
    };
  }
  if (s.error !== undefined) {
    return { text: "$(warning) factlint", tooltip: `factlint: ${s.error}` };
  }
  if (s.documents === undefined) {
    return { text: "$(book) factlint", tooltip: "factlint: no corpus listed yet" };
  }
  return {
    text: `$(book) factlint: ${plural(s.documents, "doc")}`,
    tooltip: `factlint: the corpus has ${plural(s.documents, "document")}`,
  };
}
