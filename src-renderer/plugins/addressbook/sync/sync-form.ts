import type { Task, TaskTargets } from '../../../../src-shared/contract/tasks.contract';
import type { DeliveryMode, ImportMode, MatchKey } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import type { SyncParams } from '../scheduled/addressbook-tasks';

/**
 * The "Directory → devices" dialog as data: which connection is read into which book (an
 * existing one, or a new one created on save), how (add, update by a key, replace), how the
 * book then goes to the targets (append, replace), and the task's name. Pure.
 */
export interface SyncDraft {
  connectionId: number | null;
  book: 'existing' | 'new';
  bookId: number | null;
  newBookName: string;
  mode: ImportMode;
  matchBy: MatchKey;
  delivery: DeliveryMode;
  deviceIds: number[];
  groupIds: number[];
  /** Empty: the default name. */
  name: string;
  enabled: boolean;
}

export type SyncField = 'connection' | 'book' | 'newBookName' | 'targets';
export type SyncProblem = 'noConnection' | 'noBook' | 'noName' | 'noTargets';
export type SyncProblems = Partial<Record<SyncField, SyncProblem>>;

/**
 * A new synchronisation: from the connection it was opened on, into the book it was opened on
 * (else a new book named after the connection), the directory replacing the book and the book
 * replacing the devices' (the directory is the source of truth).
 */
export function newSyncDraft(connectionId: number | null, bookId: number | null, connectionName: string | null): SyncDraft {
  return {
    connectionId,
    book: bookId === null ? 'new' : 'existing',
    bookId,
    newBookName: connectionName ?? '',
    mode: 'replace',
    matchBy: 'destination',
    delivery: 'replace',
    deviceIds: [],
    groupIds: [],
    name: '',
    enabled: true,
  };
}

/** The draft of a saved synchronisation. */
export function syncDraftOf(task: Pick<Task, 'name' | 'targets' | 'enabled'>, params: SyncParams): SyncDraft {
  return {
    connectionId: params.connectionId,
    book: 'existing',
    bookId: params.bookId,
    newBookName: '',
    mode: params.mode,
    matchBy: params.matchBy,
    delivery: params.delivery,
    deviceIds: [...task.targets.deviceIds],
    groupIds: [...task.targets.groupIds],
    name: task.name,
    enabled: task.enabled,
  };
}

/** What is missing, per field (empty: it can be saved). */
export function syncProblems(draft: SyncDraft): SyncProblems {
  const problems: SyncProblems = {};
  if (draft.connectionId === null) problems.connection = 'noConnection';
  if (draft.book === 'existing' && draft.bookId === null) problems.book = 'noBook';
  if (draft.book === 'new' && draft.newBookName.trim() === '') problems.newBookName = 'noName';
  if (draft.deviceIds.length === 0 && draft.groupIds.length === 0) problems.targets = 'noTargets';
  return problems;
}

/** The task's params once the book exists. */
export function syncParamsOf(draft: SyncDraft & { connectionId: number }, bookId: number): SyncParams {
  return { connectionId: draft.connectionId, bookId, mode: draft.mode, matchBy: draft.matchBy, delivery: draft.delivery };
}

export function syncTargetsOf(draft: SyncDraft): TaskTargets {
  return { deviceIds: [...draft.deviceIds], groupIds: [...draft.groupIds] };
}
