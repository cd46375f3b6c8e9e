import { discoveryRequestSchema, type DiscoveryMethodKind, type DiscoveryRequest } from '../../../src-shared/contract/discovery.contract';
import { fieldOfPath, methodKindsOf, requestOf, type DiscoveryForm, type FieldId } from './discovery-form';
import { wordingOf, type WordedMessage } from '../../../src-shared/wording/worded-message';

/**
 * What is wrong with the wizard's form, per field: found by the form itself (nothing chosen),
 * by the contract's schema (same rules the server applies), or by the server (a bad address,
 * a bad line of a CSV file) — each placed under the field it concerns.
 */

/** A problem the form describes itself (translated by discovery-texts), or a server's own words. */
export type FieldProblem =
  | { key: 'noMethod' | 'noFile' | 'required' | 'wholeNumber' | 'number' }
  | { key: 'minLength' | 'tooLong' | 'atLeast' | 'atMost' | 'tooMany'; limit: number }
  | { key: 'text'; text: string; worded?: WordedMessage };

/** The first problem of each field. */
export type FieldProblems = Partial<Record<FieldId, FieldProblem>>;

export type BuiltRequest = { ok: true; request: DiscoveryRequest; kinds: DiscoveryMethodKind[] } | { ok: false; problems: FieldProblems };

type SchemaIssue = NonNullable<ReturnType<typeof discoveryRequestSchema.safeParse>['error']>['issues'][number];

/**
 * The request the form describes, parsed by the contract's schema (defaults filled in), or the
 * problems that keep it from being sent. Never throws.
 */
export function buildDiscoveryRequest(form: DiscoveryForm): BuiltRequest {
  const kinds = methodKindsOf(form);
  const problems: FieldProblems = {};
  const add = (field: FieldId, problem: FieldProblem): void => {
    problems[field] ??= problem;
  };
  if (kinds.length === 0) add('methods', { key: 'noMethod' });
  if (form.enabled.addressFile && form.addressFile === null) add('addressFile', { key: 'noFile' });
  const parsed = discoveryRequestSchema.safeParse(requestOf(form));
  if (!parsed.success) for (const issue of parsed.error.issues) add(fieldOfPath(issue.path, kinds), problemOfIssue(issue));
  if (parsed.success && Object.keys(problems).length === 0) return { ok: true, request: parsed.data, kinds };
  return { ok: false, problems };
}

function limitOf(value: number | bigint): number {
  return Number(value);
}

/** A schema issue as a problem the form can word in the UI language. */
export function problemOfIssue(issue: SchemaIssue): FieldProblem {
  switch (issue.code) {
    case 'too_small': {
      const limit = limitOf(issue.minimum);
      if (issue.origin === 'number') return { key: 'atLeast', limit };
      if (issue.origin === 'string' && limit > 1) return { key: 'minLength', limit };
      return { key: 'required' };
    }
    case 'too_big': {
      const limit = limitOf(issue.maximum);
      if (issue.origin === 'number') return { key: 'atMost', limit };
      if (issue.origin === 'string') return { key: 'tooLong', limit };
      return { key: 'tooMany', limit };
    }
    case 'invalid_type':
      if (issue.expected === 'int') return { key: 'wholeNumber' };
      if (issue.expected === 'number') return { key: 'number' };
      return { key: 'text', text: issue.message };
    default:
      return { key: 'text', text: issue.message };
  }
}

interface ErrorShape {
  message: string;
  details?: unknown;
}

function isErrorShape(value: unknown): value is ErrorShape {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * A refused check or start placed under its field: a CSV file's line-numbered message under the
 * file, "method 2 (addresses): …" under that method's field, "exclusions: …" under the
 * exclusions, a schema issue under the field of its path; everything else under 'general'.
 */
export function problemsOfError(error: unknown, kinds: readonly DiscoveryMethodKind[]): FieldProblems {
  if (!isErrorShape(error)) return { general: { key: 'text', text: String(error) } };
  const { message, details } = error;
  if (isRecord(details) && typeof details.fileName === 'string' && Array.isArray(details.problems)) return { addressFile: { key: 'text', text: message } };
  if (isRecord(details) && Array.isArray(details.issues)) {
    const problems: FieldProblems = {};
    for (const issue of details.issues) {
      if (typeof issue !== 'string') continue;
      const { field, text } = placeIssue(issue, kinds);
      problems[field] ??= { key: 'text', text };
    }
    if (Object.keys(problems).length > 0) return problems;
  }
  const method = /^method (\d+) \([^)]*\): ([\s\S]*)$/.exec(message);
  if (method) {
    const problems: FieldProblems = {};
    // A worded problem (a mistyped address) is shown in the UI language by problemText.
    const worded = wordingOf(error);
    problems[fieldOfPath(['methods', Number(method[1]) - 1], kinds)] = worded === null ? { key: 'text', text: method[2] ?? message } : { key: 'text', text: method[2] ?? message, worded };
    return problems;
  }
  const exclusions = /^exclusions: ([\s\S]*)$/.exec(message);
  if (exclusions) return { exclusions: { key: 'text', text: exclusions[1] ?? message } };
  return { general: { key: 'text', text: message } };
}

/** "request.methods.0.spec: Too small…" (the router's wording) → field and message. */
function placeIssue(issue: string, kinds: readonly DiscoveryMethodKind[]): { field: FieldId; text: string } {
  const colon = issue.indexOf(': ');
  if (colon < 0) return { field: 'general', text: issue };
  const path = issue
    .slice(0, colon)
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (path[0] === 'request') path.shift();
  return { field: fieldOfPath(path, kinds), text: issue.slice(colon + 2) };
}

/** Problems that only say "fill this in": they wait until the person tries to run the search. */
const QUIET_PROBLEMS: ReadonlySet<FieldProblem['key']> = new Set(['required', 'noMethod', 'noFile']);

/** The problems to show now: all of them after a run was tried, else only those about something typed. */
export function visibleProblems(problems: FieldProblems, attempted: boolean): FieldProblems {
  if (attempted) return problems;
  const shown: FieldProblems = {};
  for (const [field, problem] of Object.entries(problems) as [FieldId, FieldProblem][]) if (!QUIET_PROBLEMS.has(problem.key)) shown[field] = problem;
  return shown;
}
