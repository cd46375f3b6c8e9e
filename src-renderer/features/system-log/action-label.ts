import type { TFunction } from 'i18next';
import { en } from '../../i18n/en';

type ActionTable = typeof en.auditActions;
type ActionKey = { [S in keyof ActionTable]: `auditActions.${S & string}.${keyof ActionTable[S] & string}` }[keyof ActionTable];

function isActionKey(service: string, method: string): boolean {
  const table: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> = en.auditActions;
  const methods = Object.prototype.hasOwnProperty.call(table, service) ? table[service] : undefined;
  return methods !== undefined && Object.prototype.hasOwnProperty.call(methods, method);
}

/** "Remove devices" for 'devices.remove', in the UI language; an action without a text (a plug-in's) as its method name. */
export function actionLabel(t: TFunction, action: string): string {
  const dot = action.indexOf('.');
  if (dot <= 0) return action;
  const service = action.slice(0, dot);
  const method = action.slice(dot + 1);
  return isActionKey(service, method) ? t(`auditActions.${service}.${method}` as ActionKey) : action;
}
