import { Alert, Button, Group, Modal, NumberInput, PasswordInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useCallback, useState } from 'react';
import { INSTALL_AGENT_TASK_KIND } from '../../../../src-shared/plugins/drivers/agent-install';
import { useRendererApi } from '../../../api/api-context';
import { useLiveQuery } from '../../../api/live-query';
import { ExecutionProgress } from '../../../ui/execution-progress';
import { errorMessage } from '../../../ui/notice.store';
import { useDriversApi, type ClientRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';

const NEW_LOGIN = 'new';
/** Monospace for the typed value only, not its label. */
const MONO = { input: { fontFamily: 'monospace' } };

/**
 * Installs the agent over SSH on the chosen Linux and macOS PCs (the task drivers.installAgent,
 * run now): a stored SSH login is picked or added here (its secrets sealed by the console), and
 * each PC's outcome follows in the shared execution progress. Windows PCs of the selection are
 * named beforehand: they take the quick install.
 */
export function SshInstallDialog({ clients, onClose }: { clients: ClientRow[]; onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const rendererApi = useRendererApi();
  const readLogins = useCallback(async () => (await api.clients.sshLogins({})).logins, [api]);
  const logins = useLiveQuery(rendererApi, readLogins, ['plugin.data']);
  const unix = clients.filter((c) => c.os !== 'windows');
  const windows = clients.filter((c) => c.os === 'windows');
  const [loginId, setLoginId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [user, setUser] = useState('root');
  const [password, setPassword] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [consoleUrl, setConsoleUrl] = useState(() => (window.location.protocol === 'https:' ? window.location.origin : ''));
  const [fingerprint, setFingerprint] = useState('');
  const [port, setPort] = useState(22);
  const [agentCommand, setAgentCommand] = useState('printdeck');
  const [executionId, setExecutionId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const known = logins.data ?? [];
  const chosen = loginId ?? (known.length > 0 ? String(known[0]?.id) : NEW_LOGIN);

  /** The id of the login to use: the chosen one, or the one added now from the form. */
  const loginToUse = async (): Promise<number> => {
    if (chosen !== NEW_LOGIN) return Number(chosen);
    const saved = await api.clients.saveSshLogin({
      login: { name, user, password: password === '' ? null : password, privateKey: privateKey.trim() === '' ? null : privateKey, passphrase: passphrase === '' ? null : passphrase },
    });
    setLoginId(String(saved.id));
    setPassword('');
    setPrivateKey('');
    setPassphrase('');
    logins.reload();
    return saved.id;
  };

  const start = async (): Promise<void> => {
    setError(null);
    if (chosen === NEW_LOGIN && password === '' && privateKey.trim() === '') return setError(tp('sshInstall.secretNeeded'));
    setBusy(true);
    try {
      const id = await loginToUse();
      const params = { clientIds: unix.map((c) => c.id), loginId: id, consoleUrl, fingerprint: fingerprint.trim() === '' ? undefined : fingerprint.trim(), port, agentCommand };
      const taskName = tp('sshInstall.taskName', { names: unix.map((c) => c.name).join(', ') }).slice(0, 100);
      const started = await rendererApi.api.tasks.run({ name: taskName, type: INSTALL_AGENT_TASK_KIND, params });
      setExecutionId(started.executionId);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="lg" title={tp('sshInstall.title')}>
      <Stack gap="sm" data-testid="ssh-install-dialog">
        <Text size="sm" data-testid="ssh-install-targets">
          {unix.length > 0 ? tp('sshInstall.targets', { names: unix.map((c) => c.name).join(', ') }) : tp('sshInstall.noTargets')}
        </Text>
        {windows.length > 0 && (
          <Alert color="yellow" py={6} data-testid="ssh-install-windows">
            {tp('sshInstall.windows', { names: windows.map((c) => c.name).join(', ') })}
          </Alert>
        )}
        <Select
          label={tp('sshInstall.login')}
          data={[...known.map((l) => ({ value: String(l.id), label: `${l.name} (${l.user})` })), { value: NEW_LOGIN, label: tp('sshInstall.newLogin') }]}
          value={chosen}
          onChange={(v) => setLoginId(v)}
          allowDeselect={false}
          data-testid="ssh-install-login"
        />
        {chosen === NEW_LOGIN && (
          <Stack gap="xs" data-testid="ssh-login-form">
            <Group grow>
              <TextInput label={tp('sshInstall.loginName')} value={name} onChange={(e) => setName(e.currentTarget.value)} placeholder="Lab admin" />
              <TextInput label={tp('sshInstall.user')} value={user} onChange={(e) => setUser(e.currentTarget.value)} />
            </Group>
            <PasswordInput label={tp('sshInstall.password')} description={tp('sshInstall.passwordHint')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Textarea label={tp('sshInstall.privateKey')} value={privateKey} onChange={(e) => setPrivateKey(e.currentTarget.value)} autosize minRows={2} maxRows={4} styles={MONO} />
            {privateKey.trim() !== '' && <PasswordInput label={tp('sshInstall.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />}
            <Text size="xs" c="dimmed">
              {tp('sshInstall.sealed')}
            </Text>
          </Stack>
        )}
        <Group grow align="flex-start">
          <TextInput label={tp('clients.consoleUrl')} placeholder="https://printdeck.example.com:8443" value={consoleUrl} onChange={(e) => setConsoleUrl(e.currentTarget.value)} />
          <TextInput label={tp('clients.fingerprint')} value={fingerprint} onChange={(e) => setFingerprint(e.currentTarget.value)} styles={MONO} />
        </Group>
        <Group grow>
          <NumberInput label={tp('sshInstall.port')} value={port} onChange={(v) => setPort(typeof v === 'number' ? v : 22)} min={1} max={65535} allowDecimal={false} />
          <TextInput label={tp('sshInstall.agentCommand')} value={agentCommand} onChange={(e) => setAgentCommand(e.currentTarget.value)} styles={MONO} />
        </Group>
        {error && (
          <Alert color="red" py={6} data-testid="ssh-install-error">
            {error}
          </Alert>
        )}
        {executionId !== null && <ExecutionProgress key={executionId} executionId={executionId} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {tp('close')}
          </Button>
          <Button onClick={() => void start()} loading={busy} disabled={unix.length === 0} data-testid="ssh-install-start">
            {tp('sshInstall.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
