/**
 * "did you mean --json": the known option nearest to a mistyped one. The edit distance is
 * written here (a dozen lines) because no direct dependency offers it and the project adds none
 * for this; options are few and short, so the plain dynamic programme is fast enough.
 */

/** Edit distance (optimal string alignment): insertions, deletions, substitutions and swaps of neighbours ("josn"), each costing 1. Never throws. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const above = rows[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/**
 * The known option closest to `typed` (both without dashes), or null when none is close: a
 * known option that starts with what was typed ("--js" → json), else the nearest within a
 * third of the longer name's length (at least 1, at most 3 edits). Ties go to the first in `known`.
 */
export function closestOption(typed: string, known: readonly string[]): string | null {
  const lower = typed.toLowerCase();
  const prefixed = known.filter((name) => lower.length >= 2 && name.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(lower.length, name.length) / 3)));
    if (distance <= allowed && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best ?? prefixed[0] ?? null;
}
