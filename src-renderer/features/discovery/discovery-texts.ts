import type { TFunction } from 'i18next';
import type { FieldProblem } from './discovery-validation';

/** A field's problem in the UI language; a server's message as it says it, unless the core sent it worded. */
export function problemText(t: TFunction, problem: FieldProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'text':
      return problem.worded === undefined ? problem.text : t(`worded.${problem.worded.key}`, { ...problem.worded.params, defaultValue: problem.text });
    case 'minLength':
    case 'tooLong':
    case 'atLeast':
    case 'atMost':
    case 'tooMany':
      return t(`discovery.errors.${problem.key}`, { limit: problem.limit });
    default:
      return t(`discovery.errors.${problem.key}`);
  }
}
