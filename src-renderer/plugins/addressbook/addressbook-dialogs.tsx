import { useAddressbookView, type AddressbookDialog } from './addressbook-view.store';
import { addressbookTaskOf } from './scheduled/addressbook-tasks';
import { SyncDialog } from './sync/sync-dialog';
import { ExportDialog } from './books/export-dialog';
import { DeliverDialog } from './deliver/deliver-dialog';
import { FetchDialog } from './deliver/fetch-dialog';
import { HandoffDialog } from './deliver/handoff-dialog';
import { LimitsDialog } from './deliver/limits-dialog';
import { ImportWizard } from './import/import-wizard';

/** The section's dialogs, stacked (a hand-off opens above the delivery it came from); each closes the top one. */
export function AddressbookDialogs() {
  const dialogs = useAddressbookView((s) => s.dialogs);
  const close = useAddressbookView((s) => s.closeDialog);
  return (
    <>
      {dialogs.map((dialog, index) => (
        <DialogOf key={`${index}-${dialog.kind}`} dialog={dialog} onClose={close} />
      ))}
    </>
  );
}

function DialogOf({ dialog, onClose }: { dialog: AddressbookDialog; onClose(): void }) {
  switch (dialog.kind) {
    case 'import':
      return <ImportWizard bookId={dialog.bookId} connectionId={dialog.connectionId} onClose={onClose} />;
    case 'export':
      return <ExportDialog bookId={dialog.bookId} onClose={onClose} />;
    case 'deliver': {
      const editing = dialog.task ? addressbookTaskOf(dialog.task) : null;
      return <DeliverDialog bookId={dialog.bookId} editing={editing?.kind === 'deliver' ? editing : undefined} onClose={onClose} />;
    }
    case 'sync': {
      const editing = dialog.task ? addressbookTaskOf(dialog.task) : null;
      return <SyncDialog connectionId={dialog.connectionId} bookId={dialog.bookId} editing={editing?.kind === 'sync' ? editing : undefined} onClose={onClose} />;
    }
    case 'limits':
      return <LimitsDialog bookId={dialog.bookId} onClose={onClose} />;
    case 'fetch':
      return <FetchDialog bookId={dialog.bookId} onClose={onClose} />;
    case 'handoff':
      return <HandoffDialog bookId={dialog.bookId} deviceId={dialog.deviceId} onClose={onClose} />;
    default:
      return assertNeverDialog(dialog);
  }
}

function assertNeverDialog(dialog: never): never {
  throw new Error(`no dialog for ${JSON.stringify(dialog)}`);
}
