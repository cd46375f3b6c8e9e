import type { TFunction } from 'i18next';
import { CORE_FUNCTIONS, type AccessLevel, type CoreFunctionId } from '../../../src-shared/auth/access';
import type { FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { dynamicText } from '../../ui/dynamic-text';

function isCoreFunction(id: string): id is CoreFunctionId {
  return (CORE_FUNCTIONS as readonly string[]).includes(id);
}

/** "Device search" for a core function; a plug-in's function by the label its plug-in brings (accounts.functions.<plugin>.<name>), else its id. */
export function functionLabel(t: TFunction, id: string): string {
  return isCoreFunction(id) ? t(`accounts.functions.${id}`) : dynamicText(t, `accounts.functions.${id}`, id);
}

/** What a function covers ("Add, remove, rename, groups, CSV import"); for a plug-in's, its plug-in's words, else the plug-in. */
export function functionHint(t: TFunction, id: string, plugin: string | null): string {
  return isCoreFunction(id) ? t(`accounts.functionHints.${id}`) : dynamicText(t, `accounts.functionHints.${id}`, plugin ?? '');
}

/** A plug-in's name as its renderer half says it in the UI language, else as plugins.list has it, else its id. */
export function pluginLabel(t: TFunction, pluginId: string, listedName?: string): string {
  return dynamicText(t, `pluginNames.${pluginId}`, listedName ?? pluginId);
}

/** The rows of the permission matrix in runs: the core's functions first (plugin null), then each plug-in's under its name. */
export function functionRuns(functions: readonly FunctionInfo[]): { plugin: string | null; functions: FunctionInfo[] }[] {
  const runs: { plugin: string | null; functions: FunctionInfo[] }[] = [];
  for (const fn of functions) {
    const last = runs.at(-1);
    if (last && last.plugin === fn.plugin) last.functions.push(fn);
    else runs.push({ plugin: fn.plugin, functions: [fn] });
  }
  return runs;
}

/** "None", "View", "Change". */
export function levelLabel(t: TFunction, level: AccessLevel): string {
  return t(`accounts.levels.${level}`);
}

/** "Administrators", "Operators", "Viewers" for the built-in roles (their stored names are English); other groups by their name. */
export function groupLabel(t: TFunction, group: Pick<UserGroup, 'name' | 'builtin'>): string {
  return group.builtin === null ? group.name : t(`accounts.roles.${group.builtin}`);
}
