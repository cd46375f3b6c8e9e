import { Alert, Badge, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { deviceAccessSchema, type DeviceAccess } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useServerData } from '../../../api/server-data';
import { deviceOptionLabel } from '../../../ui/device-text';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { useAddressbookApi, useAddressbookRights, type AddressbookApi } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';

type DeviceTest = Awaited<ReturnType<AddressbookApi['books']['testDevice']>>;

/**
 * How the console reaches devices' address book services (TLS, ports, self-signed certificates),
 * and a test that signs in to one device with the vault's administrator login and says which step failed.
 */
export function DeviceAccessPanel() {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const notify = useNoticeStore((s) => s.notify);
  const { devices } = useServerData();
  const [access, setAccess] = useState<DeviceAccess | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<DeviceTest | { ok: false; step: null; message: string } | null>(null);
  const deviceOptions = useMemo(() => (devices ?? []).map((d) => ({ value: String(d.id), label: deviceOptionLabel(d) })), [devices]);
  useEffect(() => {
    let alive = true;
    api.books.getDeviceAccess({}).then(
      (answer) => alive && setAccess(answer),
      (caught: unknown) => alive && setLoadError(errorMessage(caught)),
    );
    return () => {
      alive = false;
    };
  }, [api]);
  const valid = access !== null && deviceAccessSchema.safeParse(access).success;

  const save = async () => {
    if (!access || !valid) return;
    setBusy(true);
    try {
      setAccess(await api.books.setDeviceAccess(access));
      notify('success', tp('title'), tp('access.saved'));
    } catch (caught) {
      notify('error', tp('title'), errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const runTest = async () => {
    if (deviceId === null) return;
    setTesting(true);
    setTest(null);
    try {
      setTest(await api.books.testDevice({ deviceId: Number(deviceId) }));
    } catch (caught) {
      setTest({ ok: false, step: null, message: errorMessage(caught) });
    } finally {
      setTesting(false);
    }
  };

  const port = (value: number | string, fallback: number) => (typeof value === 'number' ? value : Number(value) || fallback);
  return (
    <Stack gap="md" maw={900} data-testid="device-access-panel">
      <Text size="sm" c="dimmed">
        {tp('access.intro')}
      </Text>
      {!rights.edit && <ReadOnlyNote />}
      {loadError && (
        <Alert color="red" py={6}>
          {tp('loadFailed', { message: loadError })}
        </Alert>
      )}
      {access && (
        <Paper withBorder radius="md" p="md">
          <fieldset disabled={!rights.edit} style={{ border: 0, padding: 0, margin: 0 }}>
            <Stack gap="sm">
              <Switch label={tp('access.useTls')} description={tp('access.useTlsHint')} checked={access.useTls} onChange={(event) => setAccess({ ...access, useTls: event.currentTarget.checked })} />
              <Switch label={tp('access.allowSelfSigned')} description={tp('access.allowSelfSignedHint')} checked={access.allowSelfSigned} disabled={!access.useTls} onChange={(event) => setAccess({ ...access, allowSelfSigned: event.currentTarget.checked })} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={420}>
                <NumberInput label={tp('access.httpsPort')} value={access.httpsPort} onChange={(value) => setAccess({ ...access, httpsPort: port(value, 443) })} min={1} max={65_535} allowDecimal={false} />
                <NumberInput label={tp('access.httpPort')} value={access.httpPort} onChange={(value) => setAccess({ ...access, httpPort: port(value, 80) })} min={1} max={65_535} allowDecimal={false} />
              </SimpleGrid>
              {rights.edit && (
                <Group>
                  <Button size="xs" loading={busy} disabled={!valid} onClick={() => void save()}>
                    {t('common.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
        </Paper>
      )}
      {rights.edit && (
        <Paper withBorder radius="md" p="md">
          <Stack gap="sm">
            <Title order={5}>{tp('access.testTitle')}</Title>
            <Text size="sm" c="dimmed">
              {tp('access.testIntro')}
            </Text>
            <Group align="flex-end" gap="sm">
              <Select label={tp('fetch.device')} placeholder={tp('fetch.devicePlaceholder')} data={deviceOptions} value={deviceId} onChange={setDeviceId} searchable limit={100} w={380} comboboxProps={{ withinPortal: true }} />
              <Button leftSection={<Icon name="refresh" size={16} />} loading={testing} disabled={deviceId === null} onClick={() => void runTest()}>
                {tp('access.test')}
              </Button>
            </Group>
            {test && (
              <Alert color={test.ok ? 'teal' : 'red'} py={6} data-testid="device-test-result" data-ok={String(test.ok)} data-step={test.step ?? ''}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  {test.step && (
                    <Badge size="sm" variant="light" color={test.ok ? 'teal' : 'red'} tt="none" style={{ flexShrink: 0 }}>
                      {test.step}
                    </Badge>
                  )}
                  <Text size="sm">{test.message}</Text>
                </Group>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
