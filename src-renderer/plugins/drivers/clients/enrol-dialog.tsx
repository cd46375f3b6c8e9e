import { Alert, Anchor, Button, Code, CopyButton, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { DialogFooter } from '../../../ui/dialog-footer';
import { useAsyncAction } from '../../../ui/use-async-action';
import { PULL_PAGE_PATH } from '../associations/associations-panel';
import { useDriversApi } from '../drivers-api';
import { useDriversT } from '../drivers-text';

/** A fresh enrolment token and the one-line commands that install the agent with it (the quick installation); the manual one is on the pull page. */
export function EnrolDialog({ onClose }: { onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const [consoleUrl, setConsoleUrl] = useState(() => (window.location.protocol === 'https:' ? window.location.origin : ''));
  const [fingerprint, setFingerprint] = useState('');
  const [validHours, setValidHours] = useState(24);
  const [uses, setUses] = useState(50);
  const [commands, setCommands] = useState<{ unix: string; windows: string } | null>(null);
  const { busy, error, run } = useAsyncAction<'make'>();
  const make = (): Promise<void> =>
    run('make', async () => {
      const made = await api.clients.quickInstall({ consoleUrl, fingerprint: fingerprint.trim() === '' ? undefined : fingerprint.trim(), validHours, uses });
      setCommands({ unix: made.unix, windows: made.windows });
    });
  const command = (label: string, text: string, testId: string) => (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" onClick={copy}>
              {copied ? tp('copied') : tp('copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Code>
    </Stack>
  );
  return (
    <Modal opened onClose={onClose} size="lg" title={tp('clients.enrolTitle')}>
      <Stack gap="sm" data-testid="enrol-dialog">
        <TextInput label={tp('clients.consoleUrl')} placeholder="https://printdeck.example.com:8443" value={consoleUrl} onChange={(e) => setConsoleUrl(e.currentTarget.value)} />
        <TextInput label={tp('clients.fingerprint')} description={tp('clients.fingerprintHint')} value={fingerprint} onChange={(e) => setFingerprint(e.currentTarget.value)} ff="monospace" />
        <Group grow>
          <NumberInput label={tp('clients.validHours')} value={validHours} onChange={(v) => setValidHours(typeof v === 'number' ? v : 24)} min={1} max={720} />
          <NumberInput label={tp('clients.uses')} value={uses} onChange={(v) => setUses(typeof v === 'number' ? v : 1)} min={1} max={100000} allowDecimal={false} />
        </Group>
        {commands && (
          <Stack gap="xs">
            <Alert color="orange" py={4}>
              {tp('clients.tokenShownOnce')}
            </Alert>
            {command(tp('clients.unixCommand'), commands.unix, 'enrol-unix')}
            {command(tp('clients.windowsCommand'), commands.windows, 'enrol-windows')}
          </Stack>
        )}
        <Text size="xs" c="dimmed">
          {tp('clients.manual')}{' '}
          <Anchor size="xs" href={PULL_PAGE_PATH} target="_blank" rel="noopener">
            {PULL_PAGE_PATH}
          </Anchor>
        </Text>
        <DialogFooter error={error} cancelLabel={tp('close')} onCancel={onClose} action={{ label: tp('clients.makeCommands'), onClick: () => void make(), loading: busy === 'make' }} />
      </Stack>
    </Modal>
  );
}
