import { Alert, Button, Checkbox, Group, Modal, NumberInput, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { defaultFtpPort, FTP_MODES, FTP_SECURITIES, type DriverStoreInput, type FtpMode, type FtpSecurity, type StoreTestResult } from '../../../../src-shared/plugins/drivers/driver-store';
import { DialogFooter } from '../../../ui/dialog-footer';
import { useNoticeStore } from '../../../ui/notice.store';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useDriversApi, type DriverStoreRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { StoreTestResultView } from './store-test-result';

interface Draft {
  name: string;
  host: string;
  port: number | null;
  directory: string;
  user: string;
  password: string;
  mode: FtpMode;
  security: FtpSecurity;
  verifyCertificate: boolean;
}

function draftOf(store: DriverStoreRow | null): Draft {
  return {
    name: store?.name ?? '',
    host: store?.host ?? '',
    port: store?.port ?? null,
    directory: store?.directory ?? '/',
    user: store?.user ?? '',
    password: '',
    mode: store?.mode ?? 'passive',
    security: store?.security ?? 'none',
    verifyCertificate: store?.verifyCertificate ?? true,
  };
}

/** What is sent: the password only when typed (left out, the stored one is kept). */
function inputOf(draft: Draft): DriverStoreInput {
  const { password, ...rest } = draft;
  return password === '' ? rest : { ...rest, password };
}

/** Adds or edits a driver store; "Test connection" tries the settings as typed, step by step, before or after saving. */
export function StoreDialog({ store, readOnly, onClose }: { store: DriverStoreRow | null; readOnly: boolean; onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<Draft>(() => draftOf(store));
  const { busy, error, run } = useAsyncAction<'save' | 'test'>();
  const [result, setResult] = useState<StoreTestResult | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));

  const test = (): Promise<void> => {
    setResult(null);
    return run('test', async () => {
      setResult(await api.stores.test(store === null ? { store: inputOf(draft) } : { id: store.id, store: inputOf(draft) }));
    });
  };
  const save = (): Promise<void> =>
    run('save', async () => {
      const saved = await api.stores.save(store === null ? { store: inputOf(draft) } : { id: store.id, store: inputOf(draft) });
      notify('success', tp('tabs.stores'), tp('stores.saved', { name: saved.name }));
      onClose();
    });

  return (
    <Modal opened onClose={onClose} size="lg" title={store === null ? tp('stores.dialogAdd') : tp('stores.dialogEdit', { name: store.name })}>
      <Stack gap="sm" data-testid="store-dialog">
        <TextInput label={tp('stores.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} disabled={readOnly} data-autofocus />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={tp('stores.server')} value={draft.host} onChange={(e) => set('host', e.currentTarget.value)} disabled={readOnly} style={{ gridColumn: 'span 2' }} />
          <NumberInput label={tp('stores.port')} description={tp('stores.portHint', { port: defaultFtpPort(draft.security) })} value={draft.port ?? ''} onChange={(v) => set('port', typeof v === 'number' ? v : null)} min={1} max={65535} allowDecimal={false} disabled={readOnly} />
        </SimpleGrid>
        <TextInput label={tp('stores.directory')} value={draft.directory} onChange={(e) => set('directory', e.currentTarget.value)} disabled={readOnly} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={tp('stores.user')} description={tp('stores.userHint')} value={draft.user} onChange={(e) => set('user', e.currentTarget.value)} disabled={readOnly} />
          <PasswordInput label={tp('stores.password')} description={store?.passwordSet ? tp('stores.passwordKept') : ' '} value={draft.password} onChange={(e) => set('password', e.currentTarget.value)} disabled={readOnly} autoComplete="new-password" />
        </SimpleGrid>
        <Group align="flex-end" gap="lg">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {tp('stores.mode')}
            </Text>
            <SegmentedControl size="xs" value={draft.mode} onChange={(v) => set('mode', FTP_MODES.find((m) => m === v) ?? 'passive')} data={FTP_MODES.map((m) => ({ value: m, label: tp(`stores.modes.${m}`) }))} disabled={readOnly} />
          </Stack>
          <Select
            label={tp('stores.security')}
            value={draft.security}
            onChange={(v) => set('security', FTP_SECURITIES.find((s) => s === v) ?? 'none')}
            data={FTP_SECURITIES.map((s) => ({ value: s, label: tp(`stores.securities.${s}`) }))}
            allowDeselect={false}
            disabled={readOnly}
            w={240}
          />
          {draft.security !== 'none' && <Checkbox label={tp('stores.verifyCertificate')} checked={draft.verifyCertificate} onChange={(e) => set('verifyCertificate', e.currentTarget.checked)} disabled={readOnly} mb={6} />}
        </Group>
        {store?.warnings.map((w) => (
          <Alert key={w} color="orange" py={4}>
            {w}
          </Alert>
        ))}
        {result && <StoreTestResultView result={result} />}
        <DialogFooter
          error={error}
          errorTestId="store-error"
          cancelLabel={tp('cancel')}
          onCancel={onClose}
          action={readOnly ? undefined : { label: tp('save'), onClick: () => void save(), loading: busy === 'save', disabled: busy !== null, testId: 'store-save' }}
          start={
            <Button variant="default" onClick={() => void test()} loading={busy === 'test'} disabled={readOnly || busy !== null} data-testid="store-test">
              {tp('stores.test')}
            </Button>
          }
        />
      </Stack>
    </Modal>
  );
}
