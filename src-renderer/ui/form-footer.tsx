import type { ReactNode } from 'react';
import { DialogFooter } from './dialog-footer';

/**
 * The end of every dialog form: the server's refusal (when there is one) above Cancel and the
 * submit button, which shows that the request is under way.
 */
export function FormFooter({ error, errorTestId, busy, submitLabel, onCancel }: { error: ReactNode; errorTestId?: string; busy: boolean; submitLabel: ReactNode; onCancel: () => void }) {
  return <DialogFooter error={error} errorTestId={errorTestId} onCancel={onCancel} action={{ label: submitLabel, type: 'submit', loading: busy }} />;
}
