/** Tables for the terminal (cli-table3) and for bench/RESULTS.md (Markdown), from one model. */
import Table from "cli-table3";

export interface Section {
  title: string;
  head: string[];
  rows: string[][];
  /** Column indexes aligned right (numbers). */
  numeric?: number[];
  notes?: string[];
}

export function renderTerminal(section: Section): string {
  const align = section.head.map((_, i) => (section.numeric?.includes(i) ? "right" : "left"));
  const table = new Table({
    head: section.head,
    colAligns: align,
    style: { head: [], border: [] },
    wordWrap: false,
  });
  for (const row of section.rows) table.push(row);
  const notes = (section.notes ?? []).map((n) => `  ${n}`).join("\n");
  return `\n${section.title}\n${table.toString()}${notes ? `\n${notes}` : ""}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
}

export function renderMarkdown(section: Section, level = "##"): string {
  const head = `| ${section.head.map(cell).join(" | ")} |`;
  const rule = `|${section.head.map((_, i) => (section.numeric?.includes(i) ? " ---: " : " --- ")).join("|")}|`;
  const rows = section.rows.map((r) => `| ${r.map(cell).join(" | ")} |`);
  const notes = (section.notes ?? []).map((n) => `- ${n}`);
  return [`${level} ${section.title}`, "", head, rule, ...rows, ...(notes.length ? ["", ...notes] : []), ""].join("\n");
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `1234` or, with several runs, `1234 (1200–1300)`. */
export function spread(values: readonly number[], digits = 0): string {
  if (values.length === 0) return "–";
  const m = median(values).toFixed(digits);
  if (values.length === 1) return m;
  return `${m} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
}

export function fixed(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "–";
}
