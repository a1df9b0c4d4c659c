/** The shape of a message that lists problems: a header line, then one `  - ` bullet per item, then any closing lines. */
export function bulleted(header: string, items: readonly string[], ...closing: string[]): string {
  return [header, ...items.map((item) => `  - ${item}`), ...closing].join("\n");
}
