import type { TFunction } from 'i18next';
import type { FieldProblem } from './discovery-validation';

/** A field's problem in the UI language; a server's message is shown as it says it. */
export function problemText(t: TFunction, problem: FieldProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'text':
      return problem.text;
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
