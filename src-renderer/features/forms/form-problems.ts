import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { problemOfIssue, type FieldProblem } from '../discovery/discovery-validation';
import { problemText } from '../discovery/discovery-texts';
import { flattenIssues } from '../../../src-shared/rpc/schema-issues';

/**
 * Problems of the task, condition and mail forms, placed under the field they concern: found by
 * the form itself (nothing picked), by the contract's schema (the rules the server applies), or
 * by the server's answer. The discovery wizard's wording is reused for the schema's problems.
 */

export type FormProblem =
  | FieldProblem
  | { key: 'noTargets' | 'inPast' | 'noDays' | 'noWatch' | 'time' | 'date' }
  | { key: 'badAddress'; address: string }
  | { key: 'badConsoleUrl'; url: string };

/** The first problem of each field. */
export type FormProblems<F extends string> = Partial<Record<F, FormProblem>>;

/** A form turned into a request, or why not. */
export type Built<T, F extends string> = { ok: true; value: T } | { ok: false; problems: FormProblems<F> };

/** A field's problem in the UI language; a server's message as it says it. */
export function formProblemText(t: TFunction, problem: FormProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'noTargets':
    case 'inPast':
    case 'noDays':
    case 'noWatch':
    case 'time':
    case 'date':
      return t(`forms.errors.${problem.key}`);
    case 'badAddress':
      return t('forms.errors.badAddress', { address: problem.address });
    case 'badConsoleUrl':
      return t('forms.errors.badConsoleUrl', { url: problem.url });
    default:
      return problemText(t, problem);
  }
}

/** Adds a problem unless the field has one already (the first one found is the one shown). */
export function addProblem<F extends string>(problems: FormProblems<F>, field: F, problem: FormProblem): void {
  problems[field] ??= problem;
}

/** The issues of a failed schema parse, each under the field `fieldOf` places its path. */
export function schemaProblems<F extends string>(error: z.ZodError, fieldOf: (path: readonly PropertyKey[]) => F): FormProblems<F> {
  const problems: FormProblems<F> = {};
  for (const issue of flattenIssues(error.issues)) addProblem(problems, fieldOf(issue.path), problemOfIssue(issue));
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A refused save placed under its fields: the router's "path.to.field: message" issues, or a
 * service message starting with a field path ("schedule.at: …"); the rest under `general`.
 */
export function serverProblems<F extends string>(error: unknown, fieldOf: (path: readonly PropertyKey[]) => F, general: F): FormProblems<F> {
  const message = error instanceof Error ? error.message : String(error);
  const details = isRecord(error) ? error.details : undefined;
  const problems: FormProblems<F> = {};
  const place = (issue: string): boolean => {
    const match = /^([A-Za-z][\w]*(?:\.[\w]+)*): ([\s\S]+)$/.exec(issue);
    if (!match?.[1] || !match[2]) return false;
    const path = match[1].split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const field = fieldOf(path);
    if (field === general) return false;
    addProblem(problems, field, { key: 'text', text: match[2] });
    return true;
  };
  if (isRecord(details) && Array.isArray(details.issues)) for (const issue of details.issues) if (typeof issue === 'string') place(issue);
  if (Object.keys(problems).length === 0 && !place(message)) problems[general] = { key: 'text', text: message };
  return problems;
}

/** The problems to show now: all after a save was tried, else only those about something typed. */
export function shownProblems<F extends string>(problems: FormProblems<F>, attempted: boolean): FormProblems<F> {
  if (attempted) return problems;
  const quiet = new Set<FormProblem['key']>(['required', 'noTargets', 'noDays', 'noWatch', 'date']);
  const shown: FormProblems<F> = {};
  for (const [field, problem] of Object.entries(problems) as [F, FormProblem][]) if (!quiet.has(problem.key)) shown[field] = problem;
  return shown;
}

/** "a@x.com, b@y.org" or one per line → the addresses, blanks dropped. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A number field's draft: '' while empty. */
export type NumberDraft = number | '';

/** What a Mantine NumberInput reports, as a draft. */
export function numberDraft(value: number | string): NumberDraft {
  if (value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n : '';
}
