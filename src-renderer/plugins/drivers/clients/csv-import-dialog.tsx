import { Alert, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { CsvProblem } from '../../../../src-shared/plugins/drivers/client-pc';
import { DialogFooter } from '../../../ui/dialog-footer';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { readTextFile } from '../../../ui/text-file';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useDriversApi } from '../drivers-api';
import { useDriversT } from '../drivers-text';

type Checked = { ok: true; added: number; updated: number } | { ok: false; problems: CsvProblem[] };

/** Client PCs from a CSV file: checked first (a dry run listing every problem with its line), imported only when it has none. */
export function CsvImportDialog({ onClose }: { onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const notify = useNoticeStore((s) => s.notify);
  const [text, setText] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [checked, setChecked] = useState<Checked | null>(null);
  const action = useAsyncAction<'import'>();
  const { busy, error, setError } = action;

  const run = (dryRun: boolean, csv: string): Promise<void> =>
    action.run('import', async () => {
      const result = await api.clients.importCsv({ text: csv, dryRun });
      if (!result.ok) return setChecked({ ok: false, problems: result.problems });
      if (dryRun) return setChecked({ ok: true, added: result.added, updated: result.updated });
      notify('success', tp('tabs.clients'), tp('clients.csvDone', { added: result.added, updated: result.updated }));
      onClose();
    });

  return (
    <Modal opened onClose={onClose} size="lg" title={tp('clients.csvTitle')}>
      <Stack gap="sm" data-testid="csv-dialog">
        <Text size="sm" c="dimmed">
          {tp('clients.csvHint')}
        </Text>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label={tp('clients.csvFile')}
          data-testid="csv-file"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            setChecked(null);
            if (!file) return setText(null);
            setFileName(file.name);
            try {
              const decoded = (await readTextFile(file)).text;
              setText(decoded);
              await run(true, decoded);
            } catch (caught) {
              setError(errorMessage(caught));
            }
          }}
        />
        {checked?.ok === true && (
          <Alert color="teal" py={6} data-testid="csv-preview">
            {`${fileName}: ${tp('clients.csvOk', { added: checked.added, updated: checked.updated })}`}
          </Alert>
        )}
        {checked?.ok === false && (
          <Alert color="red" py={6} data-testid="csv-problems">
            <Text size="sm" fw={600}>
              {tp('clients.csvProblems')}
            </Text>
            <List size="sm" spacing={2} mt={4}>
              {checked.problems.map((p, index) => (
                <List.Item key={index} data-testid="csv-problem" data-line={p.line}>
                  {`${tp('clients.csvLine', { line: p.line })}: ${p.message}`}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <DialogFooter
          error={error}
          cancelLabel={tp('cancel')}
          onCancel={onClose}
          action={{ label: tp('clients.csvImport'), onClick: () => text !== null && void run(false, text), disabled: checked?.ok !== true, loading: busy === 'import', testId: 'csv-import' }}
        />
      </Stack>
    </Modal>
  );
}
