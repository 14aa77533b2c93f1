/**
 * The bars of an analytic column: a number is a bar, a suppressed cell is a marked placeholder of
 * its own (never a bar of zero), and a cell with nothing to compute (no base) is left empty.
 */
export type Cell = number | 'suppressed' | null;

export interface Bar {
  label: string;
  kind: 'value' | 'suppressed' | 'none';
  value: number | null;
  /** The bar's length as a share of the longest (0..1); 0 for a suppressed or empty cell. */
  share: number;
}

export function bars(rows: Record<string, unknown>[], by: string, column: string): Bar[] {
  const cells = rows.map((row) => ({ label: String(row[by]), cell: row[column] as Cell }));
  const max = Math.max(0, ...cells.map(({ cell }) => (typeof cell === 'number' ? cell : 0)));
  return cells.map(({ label, cell }) => {
    if (cell === 'suppressed') return { label, kind: 'suppressed', value: null, share: 0 };
    if (typeof cell !== 'number') return { label, kind: 'none', value: null, share: 0 };
    return { label, kind: 'value', value: cell, share: max > 0 ? cell / max : 0 };
  });
}

/** Round numbers for the axis: 0 and up to four steps up to the largest value. */
export function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}
