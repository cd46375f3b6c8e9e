import type { TFunction } from 'i18next';
import { CORE_FUNCTIONS, type AccessLevel, type CoreFunctionId } from '../../../src-shared/auth/access';
import type { UserGroup } from '../../../src-shared/contract/accounts.contract';

function isCoreFunction(id: string): id is CoreFunctionId {
  return (CORE_FUNCTIONS as readonly string[]).includes(id);
}

/** "Device search" for a core function; a plug-in's function as it names itself ("address-book.entries"). */
export function functionLabel(t: TFunction, id: string): string {
  return isCoreFunction(id) ? t(`accounts.functions.${id}`) : id;
}

/** What a core function covers ("Add, remove, rename, groups, CSV import"); for a plug-in's, the plug-in. */
export function functionHint(t: TFunction, id: string, plugin: string | null): string {
  return isCoreFunction(id) ? t(`accounts.functionHints.${id}`) : (plugin ?? '');
}

/** "None", "View", "Change". */
export function levelLabel(t: TFunction, level: AccessLevel): string {
  return t(`accounts.levels.${level}`);
}

/** "Administrators", "Operators", "Viewers" for the built-in roles (their stored names are English); other groups by their name. */
export function groupLabel(t: TFunction, group: Pick<UserGroup, 'name' | 'builtin'>): string {
  return group.builtin === null ? group.name : t(`accounts.roles.${group.builtin}`);
}
