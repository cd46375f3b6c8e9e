import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { ExecutionSummary } from '../../../../src-shared/contract/tasks.contract';
import { useServerData } from '../../../api/server-data';
import { deviceName, deviceOptionLabel } from '../../../ui/device-text';
import { ExecutionProgress } from '../../../ui/execution-progress';
import { Icon } from '../../../ui/icons';
import { errorMessage } from '../../../ui/notice.store';
import { useAddressbookApi, useBooks } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';

/** Devices offered at once: a fleet of thousands is searched by typing. */
const DEVICE_OPTION_LIMIT = 100;

/**
 * Reads a device's address book into a new book or over an existing one's entries, as an
 * execution followed here; when it ends well the editor opens on that book.
 */
export function FetchDialog({ bookId, onClose }: { bookId: number | null; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const books = useBooks();
  const { devices, devicesById } = useServerData();
  const [deviceId, setDeviceId] = useState<number | null>(null);
  const [target, setTarget] = useState<'new' | 'existing'>(bookId === null ? 'new' : 'existing');
  const [existingId, setExistingId] = useState<number | null>(bookId);
  const [newName, setNewName] = useState('');
  const [problem, setProblem] = useState<'device' | 'book' | 'name' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState<{ executionId: number; bookName: string | null; bookId: number | null } | null>(null);
  const deviceOptions = useMemo(() => (devices ?? []).map((d) => ({ value: String(d.id), label: deviceOptionLabel(d) })), [devices]);
  const device = deviceId === null ? undefined : devicesById.get(deviceId);
  const suggestedName = device ? freeName(tp('fetch.defaultName', { device: deviceName(device) || device.address }), (books.data ?? []).map((b) => b.name)) : '';

  const start = async () => {
    if (deviceId === null) return setProblem('device');
    if (target === 'existing' && existingId === null) return setProblem('book');
    const name = (newName.trim() || suggestedName).slice(0, 80);
    if (target === 'new' && name === '') return setProblem('name');
    setBusy(true);
    setError(null);
    try {
      const { executionId } = await api.books.fetch({ deviceId, target: target === 'existing' && existingId !== null ? { bookId: existingId } : { newBookName: name } });
      setRunning({ executionId, bookName: target === 'new' ? name : null, bookId: target === 'existing' ? existingId : null });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const finished = async (execution: ExecutionSummary) => {
    books.reload();
    if (!running || (execution.state !== 'succeeded' && execution.state !== 'partly-failed')) return;
    let id = running.bookId;
    if (id === null) {
      const { books: list } = await api.books.list({});
      id = list.find((b) => b.name === running.bookName)?.id ?? null;
    }
    if (id !== null) {
      useAddressbookView.getState().openBook(id);
      onClose();
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={tp('fetch.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="fetch-dialog">
        {running === null ? (
          <>
            <Text size="sm" c="dimmed">
              {tp('fetch.intro')}
            </Text>
            <Select
              label={tp('fetch.device')}
              placeholder={tp('fetch.devicePlaceholder')}
              data={deviceOptions}
              value={deviceId === null ? null : String(deviceId)}
              onChange={(value) => {
                setDeviceId(value === null ? null : Number(value));
                setProblem(null);
              }}
              searchable
              limit={DEVICE_OPTION_LIMIT}
              error={problem === 'device' ? tp('fetch.problems.device') : null}
              comboboxProps={{ withinPortal: true }}
            />
            <SegmentedControl
              value={target}
              onChange={(value) => setTarget(value === 'existing' ? 'existing' : 'new')}
              data={[
                { value: 'new', label: tp('import.newBook') },
                { value: 'existing', label: tp('import.existingBook') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            {target === 'new' ? (
              <TextInput label={tp('import.newBookName')} placeholder={suggestedName} value={newName} onChange={(event) => setNewName(event.currentTarget.value)} maxLength={80} error={problem === 'name' ? tp('import.problems.noName') : null} />
            ) : (
              <>
                <Select
                  label={tp('import.existingBook')}
                  data={(books.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
                  value={existingId === null ? null : String(existingId)}
                  onChange={(value) => setExistingId(value === null ? null : Number(value))}
                  error={problem === 'book' ? tp('import.problems.noBook') : null}
                  searchable
                  comboboxProps={{ withinPortal: true }}
                />
                <Text size="xs" c="orange">
                  {tp('fetch.replaces')}
                </Text>
              </>
            )}
          </>
        ) : (
          <Stack gap="sm">
            <Text size="sm">{tp('fetch.running', { device: device ? deviceOptionLabel(device) : '' })}</Text>
            <ExecutionProgress executionId={running.executionId} onFinished={(execution) => void finished(execution)} />
          </Stack>
        )}
        {error && (
          <Alert color="red" py={6} role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {running ? t('common.close') : t('common.cancel')}
          </Button>
          {running === null && (
            <Button leftSection={<Icon name="download" size={16} />} loading={busy} onClick={() => void start()} data-testid="fetch-start">
              {tp('fetch.start')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

/** `name`, or "name (2)", "name (3)" … when a book has it already. */
function freeName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  for (let n = 2; ; n++) if (!names.has(`${name} (${n})`)) return `${name} (${n})`;
}
