import type { TFunction } from 'i18next';

/*
 * Kept apart from plugin-text.ts (which needs React): pure label code such as
 * features/accounts/function-labels.ts imports it, and so do Node-side unit tests.
 */
type Untyped = (key: string, options?: Record<string, unknown>) => string;

/** A key the console builds at run time ("accounts.functions.addressbook.books"); `fallback` when no language has it. */
export function dynamicText(t: TFunction, key: string, fallback: string): string {
  return (t as unknown as Untyped)(key, { defaultValue: fallback });
}

