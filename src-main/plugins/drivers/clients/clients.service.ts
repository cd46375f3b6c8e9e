import { randomBytes } from 'node:crypto';
import { clientGroupInputSchema, type ClientPc, type EnrolmentToken } from '../../../../src-shared/plugins/drivers/client-pc';
import type { ClientsContract } from '../../../../src-shared/plugins/drivers/clients.contract';
import { AppError } from '../../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../../src-shared/rpc/contract-builder';
import type { PluginHost } from '../../../plugin-api/plugin-host';
import type { AgentJobsRepository } from '../store/agent-jobs.repository';
import type { ClientsRepository } from '../store/clients.repository';
import type { SshLoginsRepository } from '../store/ssh-logins.repository';
import { parseClientCsv } from './client-csv';
import { quickInstallCommands } from './quick-install';

type ClientsImpl = ServiceImpl<ClientsContract>;
const HOUR = 3_600_000;

/**
 * A fresh secret (enrolment tokens, agent keys): "pd_" and 32 random bytes, base64url. The prefix
 * keeps it from starting with "-", which a command line would take for an option.
 */
export function newSecret(): string {
  return `pd_${randomBytes(32).toString('base64url')}`;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
}

/** Client PCs, their groups, enrolment tokens and agents. */
export class ClientsService implements ClientsImpl {
  constructor(
    private readonly host: PluginHost,
    private readonly clients: ClientsRepository,
    private readonly agentJobs: AgentJobsRepository,
    private readonly logins: SshLoginsRepository,
    private readonly functionId: string,
  ) {}

  list: ClientsImpl['list'] = () => ({ clients: this.clients.list() });

  save: ClientsImpl['save'] = ({ id, client }) => {
    if (id !== undefined && !this.clients.get(id)) throw new AppError('not-found', `no client PC ${id}`);
    const other = this.clients.byName(client.name);
    if (other && other.id !== id) throw new AppError('conflict', `name: a client PC named "${other.name}" exists already`, { field: 'client.name' });
    const saved = id ?? this.clients.insert(client, 'manual', this.host.now());
    if (id !== undefined) this.clients.update(id, client);
    this.changed([saved]);
    return this.mustGet(saved);
  };

  remove: ClientsImpl['remove'] = ({ ids }) => {
    const removed = this.clients.transaction(() => {
      this.agentJobs.cancelOpen(ids);
      return this.clients.remove(ids);
    });
    this.changed(ids);
    return { removed };
  };

  importCsv: ClientsImpl['importCsv'] = ({ text, dryRun }) => {
    const parsed = parseClientCsv(text);
    if (parsed.problems.length > 0) return { ok: false, added: 0, updated: 0, problems: parsed.problems };
    const known = new Map(this.clients.list().map((c) => [c.name.toLowerCase(), c]));
    const added = parsed.clients.filter((c) => !known.has(c.name.toLowerCase())).length;
    const updated = parsed.clients.length - added;
    if (dryRun) return { ok: true, added, updated, problems: [] };
    const now = this.host.now();
    const ids = this.clients.transaction(() =>
      parsed.clients.map(({ line: _line, ...client }) => {
        const existing = known.get(client.name.toLowerCase());
        if (!existing) return this.clients.insert(client, 'csv', now);
        this.clients.update(existing.id, client);
        return existing.id;
      }),
    );
    this.changed(ids);
    return { ok: true, added, updated, problems: [] };
  };

  groups: ClientsImpl['groups'] = () => ({ groups: this.clients.groups() });

  saveGroup: ClientsImpl['saveGroup'] = ({ id, group }) => {
    const settings = clientGroupInputSchema.parse(group);
    if (id !== undefined && !this.clients.group(id)) throw new AppError('not-found', `no client group ${id}`);
    if (this.clients.groupNameTaken(settings.name, id)) throw new AppError('conflict', `name: a client group named "${settings.name}" exists already`, { field: 'group.name' });
    const known = new Set(this.clients.existing(settings.memberIds));
    const unknown = settings.memberIds.filter((m) => !known.has(m));
    if (unknown.length > 0) throw new AppError('invalid-argument', `group.memberIds: no client PCs numbered ${unknown.join(', ')}`, { field: 'group.memberIds' });
    try {
      const saved = this.clients.saveGroup(id, settings);
      this.host.emitData('client-groups', this.functionId, [saved]);
      const result = this.clients.group(saved);
      if (!result) throw new AppError('internal', 'the group was not saved');
      return result;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', `name: a client group named "${settings.name}" exists already`, { field: 'group.name' });
      throw error;
    }
  };

  removeGroup: ClientsImpl['removeGroup'] = ({ id }) => {
    this.clients.removeGroup(id);
    this.host.emitData('client-groups', this.functionId, [id]);
    return {};
  };

  createEnrolmentToken: ClientsImpl['createEnrolmentToken'] = ({ label, validHours, uses, clientId }, context) => {
    if (clientId !== undefined && !this.clients.get(clientId)) throw new AppError('not-found', `no client PC ${clientId}`, { field: 'clientId' });
    return this.makeToken(label, validHours, uses, context.caller?.userName ?? null, clientId ?? null);
  };

  enrolmentTokens: ClientsImpl['enrolmentTokens'] = () => ({ tokens: this.agentJobs.tokens(this.host.now()) });

  revokeEnrolmentToken: ClientsImpl['revokeEnrolmentToken'] = ({ id }) => {
    this.agentJobs.revokeToken(id);
    this.host.emitData('enrolment-tokens', this.functionId, [id]);
    return {};
  };

  quickInstall: ClientsImpl['quickInstall'] = ({ consoleUrl, fingerprint, validHours, uses }, context) => {
    const { token, secret } = this.makeToken('quick install', validHours, uses, context.caller?.userName ?? null);
    return { token, ...quickInstallCommands({ consoleUrl, fingerprint: fingerprint ?? null, token: secret }) };
  };

  revokeAgent: ClientsImpl['revokeAgent'] = ({ id }) => {
    if (!this.clients.get(id)) throw new AppError('not-found', `no client PC ${id}`);
    this.clients.setKey(id, null);
    this.changed([id]);
    return {};
  };

  sshLogins: ClientsImpl['sshLogins'] = () => ({ logins: this.logins.list() });

  saveSshLogin: ClientsImpl['saveSshLogin'] = ({ id, login }, context) => {
    if (id !== undefined && !this.logins.get(id)) throw new AppError('not-found', `no SSH login ${id}`);
    if (this.logins.nameTaken(login.name, id)) throw new AppError('conflict', `name: an SSH login named "${login.name}" exists already`, { field: 'login.name' });
    const saved = this.logins.save(id, login, context.caller?.userName ?? null, this.host.now());
    this.host.emitData('ssh-logins', this.functionId, [saved]);
    const result = this.logins.get(saved);
    if (!result) throw new AppError('internal', 'the login was not saved');
    return result;
  };

  removeSshLogin: ClientsImpl['removeSshLogin'] = ({ id }) => {
    this.logins.remove(id);
    this.host.emitData('ssh-logins', this.functionId, [id]);
    return {};
  };

  forgetHostKey: ClientsImpl['forgetHostKey'] = ({ id }) => {
    if (!this.clients.get(id)) throw new AppError('not-found', `no client PC ${id}`);
    this.logins.forgetHostKey(id);
    return {};
  };

  jobs: ClientsImpl['jobs'] = ({ clientId, limit }) => ({ jobs: this.agentJobs.list(clientId, limit) });

  private makeToken(label: string, validHours: number, uses: number, by: string | null, clientId: number | null = null): { token: EnrolmentToken; secret: string } {
    const secret = newSecret();
    const now = this.host.now();
    const token = this.agentJobs.createToken(secret, label, now + Math.round(validHours * HOUR), uses, now, by, clientId);
    this.host.emitData('enrolment-tokens', this.functionId, [token.id]);
    return { token, secret };
  }

  private mustGet(id: number): ClientPc {
    const client = this.clients.get(id);
    if (!client) throw new AppError('internal', 'the client PC was not saved');
    return client;
  }

  private changed(ids: readonly number[]): void {
    this.host.emitData('clients', this.functionId, ids);
  }
}
