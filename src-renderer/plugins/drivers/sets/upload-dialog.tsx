import { Alert, Button, Group, Modal, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DRIVER_ARCHES, DRIVER_OSES, type DriverArch, type DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';
import { errorMessage } from '../../../ui/notice.store';
import { formatBytes, useDriversApi, type DriverSetRow, type DriverStoreRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { folderFiles, sendSet, type PickedSource, type UploadProgress } from './set-upload';

type Stage = { kind: 'form' } | { kind: 'sending'; progress: UploadProgress } | { kind: 'unfinished'; uploadId: string; error: string } | { kind: 'done'; set: DriverSetRow; warnings: string[] };

/** Uploads a driver set from a zip or a folder picked in the browser, in chunks with progress, and shows what was read from it. */
export function UploadDialog({ stores, onClose }: { stores: readonly DriverStoreRow[]; onClose(): void }) {
  const { tp, language } = useDriversT();
  const api = useDriversApi();
  const [pick, setPick] = useState<'zip' | 'folder'>('zip');
  const [source, setSource] = useState<PickedSource | null>(null);
  const [name, setName] = useState('');
  const [os, setOs] = useState<DriverOs>('windows');
  const [arch, setArch] = useState<DriverArch>('any');
  const [storeId, setStoreId] = useState<number | null>(stores[0]?.id ?? null);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);

  const chosen = source === null ? null : source.kind === 'zip' ? tp('sets.chosenZip', { name: source.file.name, size: formatBytes(source.file.size, language) }) : tp('sets.chosenFolder', { count: source.files.length, size: formatBytes(source.files.reduce((n, f) => n + f.file.size, 0), language) });

  const finish = async (uploadId: string): Promise<void> => {
    try {
      const done = await api.sets.finishUpload({ uploadId });
      setStage({ kind: 'done', set: done.set, warnings: done.warnings });
    } catch (caught) {
      setStage({ kind: 'unfinished', uploadId, error: errorMessage(caught) });
    }
  };
  const start = async (): Promise<void> => {
    if (source === null) return setError(tp('sets.nothingChosen'));
    setError(null);
    let uploadId: string;
    try {
      uploadId = await sendSet(api, { storeId: storeId ?? undefined, metadata: { name, os, arch }, source }, (progress) => setStage({ kind: 'sending', progress }));
    } catch (caught) {
      setStage({ kind: 'form' });
      return setError(errorMessage(caught));
    }
    await finish(uploadId);
  };
  const sending = stage.kind === 'sending';

  return (
    <Modal opened onClose={sending ? () => undefined : onClose} size="lg" title={tp('sets.uploadTitle')}>
      <Stack gap="sm" data-testid="upload-dialog">
        {stage.kind === 'done' ? (
          <Stack gap="xs" data-testid="upload-done">
            <Alert color="teal" py={6}>
              <Text size="sm" fw={600}>
                {tp('sets.uploaded', { name: stage.set.name })}
              </Text>
              <Text size="sm" data-testid="upload-metadata">
                {tp('sets.uploadedDetail', { kind: tp(`kinds.${stage.set.kind}`), driver: stage.set.driverName, version: stage.set.version || '—', files: stage.set.files })}
              </Text>
            </Alert>
            {stage.warnings.map((w) => (
              <Alert key={w} color="orange" py={4}>
                {w}
              </Alert>
            ))}
            <Group justify="flex-end">
              <Button onClick={onClose}>{tp('close')}</Button>
            </Group>
          </Stack>
        ) : (
          <>
            <SegmentedControl
              value={pick}
              onChange={(v) => {
                setPick(v === 'folder' ? 'folder' : 'zip');
                setSource(null);
              }}
              data={[
                { value: 'zip', label: tp('sets.pickZip') },
                { value: 'folder', label: tp('sets.pickFolder') },
              ]}
              disabled={sending}
            />
            {pick === 'zip' ? (
              <input
                type="file"
                accept=".zip,application/zip"
                aria-label={tp('sets.pickZip')}
                data-testid="upload-zip"
                disabled={sending}
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  setSource(file ? { kind: 'zip', file } : null);
                  if (file && name === '') setName(file.name.replace(/\.zip$/i, ''));
                }}
              />
            ) : (
              <input
                type="file"
                multiple
                ref={(el) => el?.setAttribute('webkitdirectory', '')}
                aria-label={tp('sets.pickFolder')}
                data-testid="upload-folder"
                disabled={sending}
                onChange={(e) => {
                  const files = folderFiles(e.currentTarget.files ?? []);
                  setSource(files.length > 0 ? { kind: 'folder', files } : null);
                }}
              />
            )}
            {chosen && <Text size="sm" c="dimmed">{chosen}</Text>}
            <TextInput label={tp('sets.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} disabled={sending} data-testid="upload-name" />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select label={tp('sets.os')} value={os} onChange={(v) => setOs(DRIVER_OSES.find((o) => o === v) ?? 'windows')} data={DRIVER_OSES.map((o) => ({ value: o, label: tp(`os.${o}`) }))} allowDeselect={false} disabled={sending} data-testid="upload-os" />
              <Select label={tp('sets.arch')} value={arch} onChange={(v) => setArch(DRIVER_ARCHES.find((a) => a === v) ?? 'any')} data={[...DRIVER_ARCHES]} allowDeselect={false} disabled={sending} />
              <Select label={tp('sets.store')} value={storeId === null ? null : String(storeId)} onChange={(v) => setStoreId(v === null ? null : Number(v))} data={stores.map((s) => ({ value: String(s.id), label: s.name }))} allowDeselect={false} disabled={sending} />
            </SimpleGrid>
            {stage.kind === 'sending' && (
              <Stack gap={4} data-testid="upload-progress">
                <Progress value={stage.progress.total === 0 ? 100 : (stage.progress.sent / stage.progress.total) * 100} animated />
                <Text size="xs" c="dimmed">
                  {stage.progress.phase === 'finishing' ? tp('sets.finishing') : tp('sets.sending', { file: stage.progress.file })} {tp('sets.progress', { sent: formatBytes(stage.progress.sent, language), total: formatBytes(stage.progress.total, language) })}
                </Text>
              </Stack>
            )}
            {stage.kind === 'unfinished' && (
              <Alert color="red" py={6} data-testid="upload-error">
                {stage.error}
              </Alert>
            )}
            {error && (
              <Alert color="red" py={6} data-testid="upload-error">
                {error}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button
                variant="default"
                disabled={sending}
                onClick={() => {
                  if (stage.kind === 'unfinished') void api.sets.cancelUpload({ uploadId: stage.uploadId });
                  onClose();
                }}
              >
                {tp('cancel')}
              </Button>
              {stage.kind === 'unfinished' ? (
                <Button onClick={() => void finish(stage.uploadId)}>{tp('sets.start')}</Button>
              ) : (
                <Button onClick={() => void start()} loading={sending} data-testid="upload-start">
                  {tp('sets.start')}
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
