import { createHash } from 'node:crypto';
import { Client } from 'ssh2';
import { change } from '../../../../src-shared/auth/access';
import { INSTALL_AGENT_TASK_KIND, installAgentParamsSchema, type InstallAgentParams } from '../../../../src-shared/plugins/drivers/agent-install';
import type { ClientPc } from '../../../../src-shared/plugins/drivers/client-pc';
import type { ItemOutcome } from '../../../../src-shared/settings/item-outcome';
import type { PluginHost, TaskContext, TaskExecutor } from '../../../plugin-api/plugin-host';
import type { AgentJobsRepository } from '../store/agent-jobs.repository';
import type { ClientsRepository } from '../store/clients.repository';
import type { OpenedLogin, SshLoginsRepository } from '../store/ssh-logins.repository';
import { newSecret } from './clients.service';
import { shQuote } from '../../../../src-shared/plugins/drivers/shell-quote';

const CONNECT_TIMEOUT_MS = 20_000;
const COMMAND_TIMEOUT_MS = 180_000;
const MAX_OUTPUT = 8_000;

export interface SshInstallDeps {
  host: PluginHost;
  clients: ClientsRepository;
  jobs: AgentJobsRepository;
  logins: SshLoginsRepository;
  functionId: string;
}

/** The command run on the client: enrol with a one-use token, as the client's name, then install the service (sudo -S when the login is not root). */
export function enrolCommand(params: InstallAgentParams, client: Pick<ClientPc, 'name'>, token: string, sudo: boolean): string {
  // --option=value: a value starting with "-" (a PC named "-lab") stays a value.
  const parts = [shQuote(params.agentCommand), 'agent', 'enrol', `--console=${shQuote(params.consoleUrl)}`, `--token=${shQuote(token)}`, `--name=${shQuote(client.name)}`];
  if (params.fingerprint !== undefined) parts.push(`--fingerprint=${shQuote(params.fingerprint)}`);
  if (params.stateDir !== '') parts.push(`--state=${shQuote(params.stateDir)}`);
  if (params.installService) parts.push('--install-service');
  const command = parts.join(' ');
  return sudo ? `sudo -S -p '' sh -c ${shQuote(command)}` : command;
}

/** "SHA256:…" as OpenSSH prints a host key's fingerprint. */
function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function target(address: string, port: number): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  return match && !address.includes('::') ? { host: match[1] ?? address, port: Number(match[2]) } : { host: address.replace(/^\[|\]$/g, ''), port };
}

interface Outcome {
  items: ItemOutcome[];
  ok: boolean;
  message: string;
}

const item = (name: string, ok: boolean, message: string): ItemOutcome => ({ item: name, outcome: ok ? 'delivered' : 'refused', message, value: null });

/** Connects (checking the host key against the one first seen), runs the enrol command, and says what happened per step. */
async function installOne(deps: SshInstallDeps, params: InstallAgentParams, client: ClientPc, login: OpenedLogin, signal: AbortSignal): Promise<Outcome> {
  const { host, port } = target(client.address, params.port);
  const known = deps.logins.hostKey(client.id);
  let seen: string | null = null;
  const connection = new Client();
  const items: ItemOutcome[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('ready', () => resolve());
      connection.once('error', reject);
      signal.addEventListener('abort', () => connection.destroy(), { once: true });
      connection.connect({
        host,
        port,
        username: login.user,
        password: login.password ?? undefined,
        privateKey: login.privateKey ?? undefined,
        passphrase: login.passphrase ?? undefined,
        readyTimeout: CONNECT_TIMEOUT_MS,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          return known === null || known === seen;
        },
      });
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (known !== null && seen !== null && seen !== known)
      return { ok: false, message: `refused: ${host} shows SSH host key ${seen}, not ${known} seen before (another computer, or it was reinstalled: clear its host key to trust the new one)`, items: [item('host key', false, `${seen} ≠ ${known}`)] };
    return { ok: false, message: `could not connect to ${host}:${port} over SSH as ${login.user}: ${message}`, items: [item('connect', false, message)] };
  }
  try {
    if (seen !== null && known === null) deps.logins.rememberHostKey(client.id, seen);
    items.push(item('connect', true, `${login.user}@${host}:${port}, host key ${seen ?? '?'}${known === null ? ' (first seen, kept)' : ''}`));
    const now = deps.host.now();
    const token = newSecret();
    deps.jobs.createToken(token, `SSH install on ${client.name}`, now + 15 * 60_000, 1, now, null, client.id);
    const sudo = login.user !== 'root';
    const result = await run(connection, enrolCommand(params, client, token, sudo), sudo ? login.password : null);
    const output = result.output.trim();
    const ok = result.code === 0;
    items.push(item('enrol', ok, ok ? output.split('\n')[0] ?? 'enrolled' : `exit ${result.code ?? 'none'}: ${output}`));
    if (params.installService && ok) items.push(item('service', true, output.split('\n').slice(1).join('; ') || 'installed'));
    // The agent says why in one line ("printdeck agent enrol: …"); a shell or Node failure says it in its whole output.
    const why = output.split('\n').find((line) => line.startsWith('printdeck agent')) ?? output.slice(0, 300);
    return { ok, message: ok ? `agent enrolled${params.installService ? ' and installed as a service' : ''}` : `the agent could not be enrolled: ${why}`, items };
  } finally {
    connection.end();
  }
}

function run(connection: Client, command: string, stdin: string | null): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    connection.exec(command, (error, stream) => {
      if (error) return reject(error);
      let output = '';
      const add = (chunk: Buffer): void => {
        if (output.length < MAX_OUTPUT) output += chunk.toString('utf8');
      };
      const timer = setTimeout(() => stream.close(), COMMAND_TIMEOUT_MS);
      stream.on('data', add);
      stream.stderr.on('data', add);
      stream.once('close', (code: number | null) => {
        clearTimeout(timer);
        resolve({ code, output: output.slice(0, MAX_OUTPUT) });
      });
      stream.end(stdin === null ? undefined : `${stdin}\n`);
    });
  });
}

async function installAgents(deps: SshInstallDeps, ctx: TaskContext & { params: InstallAgentParams }): Promise<void> {
  const login = deps.logins.open(ctx.params.loginId);
  if (!login) throw new Error(`SSH login ${ctx.params.loginId} no longer exists (deleted?)`);
  const ids = deps.clients.resolve(ctx.params.clientIds, ctx.params.clientGroupIds);
  if (ids.length === 0) throw new Error('no client PCs: the chosen PCs and groups are empty or were removed');
  let done = 0;
  ctx.progress(0, ids.length);
  for (const id of ids) {
    if (ctx.signal.aborted) break;
    const client = deps.clients.get(id);
    if (!client) continue;
    if (client.os === 'windows') {
      ctx.reportDevice(null, { label: client.name, ok: false, message: 'Windows PCs are not installed over SSH: use the quick install (an elevated PowerShell line) or your software distribution; installing over WinRM is designed but not built (src-main/agent/README.md)' });
    } else if (client.address === '') {
      ctx.reportDevice(null, { label: client.name, ok: false, message: 'no address: give the client PC its address or DNS name first' });
    } else {
      const outcome = await installOne(deps, ctx.params, client, login, ctx.signal);
      ctx.reportDevice(null, { label: client.name, ...outcome });
      deps.host.emitData('clients', deps.functionId, [client.id]);
    }
    ctx.progress(++done, ids.length);
  }
}

/** Install agent: over SSH to Linux and macOS client PCs with a stored login. */
export function installAgentExecutor(deps: SshInstallDeps): TaskExecutor<typeof installAgentParamsSchema> {
  return { type: INSTALL_AGENT_TASK_KIND, access: change(deps.functionId), paramsSchema: installAgentParamsSchema, usesTargets: false, run: (ctx) => installAgents(deps, ctx) };
}
