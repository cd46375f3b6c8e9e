import type { z } from 'zod';

/**
 * The issues of a failed parse, with union failures opened up: a union of kinds (task kinds)
 * fails as one "invalid input" at the top, though the person's mistake is inside the kind they
 * chose (`params.values.deviceName`). The branch that did not fail on its discriminator (`type`,
 * `kind`, `version`) is the one they meant; its issues are reported with their full paths. A
 * union where every branch failed on the discriminator stays one issue.
 */
export function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const meant = issue.errors.filter((branch) => !branch.some((i) => DISCRIMINATORS.has(String(i.path[0] ?? ''))));
      if (meant.length >= 1 && meant[0]) {
        out.push(...flattenIssues(meant[0], path));
        continue;
      }
      // Every branch refused the discriminator: name it with the last branch's message (the catch-all, which says what is allowed).
      const first = [...issue.errors.flat()].reverse().find((i) => DISCRIMINATORS.has(String(i.path[0] ?? '')));
      if (first) {
        out.push({ ...first, path: [...path, ...first.path] });
        continue;
      }
    }
    out.push({ ...issue, path });
  }
  return out;
}

const DISCRIMINATORS = new Set(['type', 'kind', 'version']);
