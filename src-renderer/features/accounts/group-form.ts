import { ACCESS_LEVELS, type AccessLevel } from '../../../src-shared/auth/access';
import type { FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';

/**
 * A user group being edited: name, description, the directory groups that map to it (one per
 * line) and a level per function. Pure, so the matrix rules are tested on their own.
 */
export interface GroupDraft {
  name: string;
  description: string;
  directoryGroups: string;
  levels: Record<string, AccessLevel>;
}

/** The levels a function offers: view-only functions stop at "view". */
export function levelsOf(fn: Pick<FunctionInfo, 'viewOnly'>): readonly AccessLevel[] {
  return fn.viewOnly ? ACCESS_LEVELS.filter((level) => level !== 'change') : ACCESS_LEVELS;
}

/** A new group: nothing granted. */
export function emptyGroupDraft(functions: readonly FunctionInfo[]): GroupDraft {
  return { name: '', description: '', directoryGroups: '', levels: Object.fromEntries(functions.map((fn) => [fn.id, 'none' as AccessLevel])) };
}

/** An existing group as a draft; a function it does not mention is "none". */
export function groupDraftOf(group: UserGroup, functions: readonly FunctionInfo[]): GroupDraft {
  return {
    name: group.name,
    description: group.description,
    directoryGroups: group.directoryGroups.join('\n'),
    levels: Object.fromEntries(functions.map((fn) => [fn.id, clampLevel(group.permissions[fn.id] ?? 'none', fn)])),
  };
}

function clampLevel(level: AccessLevel, fn: Pick<FunctionInfo, 'viewOnly'>): AccessLevel {
  return fn.viewOnly && level === 'change' ? 'view' : level;
}

/** The level of every function, as createGroup/updateGroup take it (a view-only function never "change"). */
export function permissionsOfDraft(draft: GroupDraft, functions: readonly FunctionInfo[]): Record<string, AccessLevel> {
  return Object.fromEntries(functions.map((fn) => [fn.id, clampLevel(draft.levels[fn.id] ?? 'none', fn)]));
}

/** Directory groups typed one per line (or separated by ";"), trimmed, blanks and repeats dropped. */
export function directoryGroupsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/[\n;]/)) {
    const item = line.trim();
    if (item !== '') seen.add(item);
  }
  return [...seen];
}

/** How many functions a group grants at least "view" on: "5 of 11" in the groups table. */
export function grantedCount(permissions: Readonly<Record<string, AccessLevel>>, functions: readonly FunctionInfo[]): number {
  return functions.filter((fn) => (permissions[fn.id] ?? 'none') !== 'none').length;
}
