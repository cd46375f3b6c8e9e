import { useEffect } from 'react';
import type { PluginTaskEditorProps } from '../renderer-plugin';
import { DeliverDialog } from './deliver/deliver-dialog';
import { enAddressbook } from './i18n/addressbook.en';
import { jaAddressbook } from './i18n/addressbook.ja';
import { addressbookTaskOf } from './scheduled/addressbook-tasks';
import { SyncDialog } from './sync/sync-dialog';

/** The section's texts, added as the i18next namespace "addressbook" when this chunk loads (Tasks may load it before the section). */
export const resources = { en: enAddressbook, ja: jaAddressbook };

/**
 * The plug-in's own dialog for one of its saved tasks, opened from Tasks → Edit: a delivery's
 * or a synchronisation's, filled from the task and saved with tasks.update. Params that no
 * longer read close it at once (Tasks keeps copy, run and delete for such a task).
 */
export function TaskEditor({ task, onClose }: PluginTaskEditorProps) {
  const item = addressbookTaskOf(task);
  useEffect(() => {
    if (item === null) onClose();
  }, [item, onClose]);
  if (item === null) return null;
  switch (item.kind) {
    case 'deliver':
      return <DeliverDialog bookId={item.params.bookId} editing={item} onClose={onClose} />;
    case 'sync':
      return <SyncDialog connectionId={item.params.connectionId} bookId={item.params.bookId} editing={item} onClose={onClose} />;
  }
}
