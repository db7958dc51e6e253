// A compact aligned text table for terminals: numbers right-aligned, text left-aligned, and the
// columns listed in `right` (durations such as 14m05s) right-aligned too.
export function textTable(header: readonly string[], rows: readonly (readonly (string | number)[])[], right: readonly number[] = []): string {
  const cells = [header.map(String), ...rows.map((r) => r.map((c) => String(c)))];
  const numeric = header.map((_, i) => right.includes(i) || (rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === '')));
  const width = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] ? c.padStart(width[i]) : c.padEnd(width[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
