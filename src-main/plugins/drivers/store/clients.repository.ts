import type { PluginDatabase } from '../../../plugin-api/plugin-host';
import { clientFilterSchema, matchesClientFilter, type ClientFilter, type ClientGroup, type ClientPc, type ClientSettings, type InstalledQueue } from '../../../../src-shared/plugins/drivers/client-pc';
import type { AgentFacts } from '../../../../src-shared/plugins/drivers/agent-protocol';
import type { DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';
import { sha256Of } from '../store-files/hashing';

interface ClientRow {
  id: number;
  name: string;
  os: DriverOs;
  address: string;
  site: string;
  source: ClientPc['source'];
  key_hash: string | null;
  agent_version: string | null;
  os_version: string | null;
  protected_print: number | null;
  last_contact: number | null;
  created_at: number;
  pending: number;
}

interface GroupRow {
  id: number;
  name: string;
  kind: 'static' | 'smart';
  filter: string | null;
}

const CLIENT_COLUMNS = `c.*, (SELECT COUNT(*) FROM drivers_jobs j WHERE j.client_id = c.id AND j.state IN ('queued', 'collected')) AS pending`;

/** A contact after this long without one is news for open views (the PC is back); sooner, only its time is written. */
export const CONTACT_NEWS_MS = 5 * 60_000;

/** Client PCs, the queues their agents report, and client groups (drivers_clients, drivers_client_queues, drivers_client_groups …). */
export class ClientsRepository {
  constructor(private readonly db: PluginDatabase) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  list(): ClientPc[] {
    const rows = this.db.prepare<[], ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM drivers_clients c ORDER BY c.name COLLATE NOCASE`).all();
    const queues = this.allQueues();
    return rows.map((row) => this.toClient(row, queues.get(row.id) ?? []));
  }

  get(id: number): ClientPc | null {
    const row = this.db.prepare<[number], ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM drivers_clients c WHERE c.id = ?`).get(id);
    return row ? this.toClient(row, this.queuesOf(id)) : null;
  }

  byName(name: string): ClientPc | null {
    const row = this.db.prepare<[string], ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM drivers_clients c WHERE c.name = ? COLLATE NOCASE`).get(name);
    return row ? this.toClient(row, this.queuesOf(row.id)) : null;
  }

  /** The id of the client an agent key belongs to, or null: run on every agent request, so it reads the id alone. */
  idByKey(key: string): number | null {
    return this.db.prepare<[string], { id: number }>('SELECT id FROM drivers_clients WHERE key_hash = ?').get(sha256Of(key))?.id ?? null;
  }

  existing(ids: readonly number[]): number[] {
    const known = new Set(this.db.prepare<[], { id: number }>('SELECT id FROM drivers_clients').all().map((r) => r.id));
    return ids.filter((id) => known.has(id));
  }

  insert(settings: ClientSettings, source: ClientPc['source'], now: number): number {
    const result = this.db
      .prepare('INSERT INTO drivers_clients (name, os, address, site, source, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(settings.name, settings.os, settings.address, settings.site, source, now);
    return Number(result.lastInsertRowid);
  }

  update(id: number, settings: ClientSettings): void {
    this.db.prepare('UPDATE drivers_clients SET name = ?, os = ?, address = ?, site = ? WHERE id = ?').run(settings.name, settings.os, settings.address, settings.site, id);
  }

  remove(ids: readonly number[]): number {
    const statement = this.db.prepare('DELETE FROM drivers_clients WHERE id = ?');
    return this.transaction(() => ids.reduce((n, id) => n + statement.run(id).changes, 0));
  }

  setKey(id: number, key: string | null): void {
    this.db.prepare('UPDATE drivers_clients SET key_hash = ? WHERE id = ?').run(key === null ? null : sha256Of(key), id);
  }

  /**
   * What an agent told of its computer; its queue list replaces the stored one (keeping when
   * each was installed) when it differs. True when something a view shows changed: the facts,
   * the queues, or a contact after CONTACT_NEWS_MS of silence (the PC came back) — a poll that
   * only says "still here" writes its time and nothing else.
   */
  recordContact(id: number, facts: AgentFacts, now: number): boolean {
    return this.transaction(() => {
      const protectedPrint = facts.protectedPrint === null ? null : facts.protectedPrint ? 1 : 0;
      const before = this.db
        .prepare<[number], { os: string; agent_version: string | null; os_version: string | null; protected_print: number | null; last_contact: number | null }>('SELECT os, agent_version, os_version, protected_print, last_contact FROM drivers_clients WHERE id = ?')
        .get(id);
      this.db
        .prepare('UPDATE drivers_clients SET os = ?, agent_version = ?, os_version = ?, protected_print = ?, last_contact = ? WHERE id = ?')
        .run(facts.os, facts.agentVersion, facts.osVersion, protectedPrint, now, id);
      const factsChanged = !before || before.os !== facts.os || before.agent_version !== facts.agentVersion || before.os_version !== facts.osVersion || before.protected_print !== protectedPrint;
      const back = before?.last_contact === null || before?.last_contact === undefined || now - before.last_contact >= CONTACT_NEWS_MS;
      const known = new Map(this.queuesOf(id).map((q) => [q.queueName, q]));
      const reported = new Set(facts.queues);
      if (reported.size === known.size && [...reported].every((name) => known.has(name))) return factsChanged || back;
      this.db.prepare('DELETE FROM drivers_client_queues WHERE client_id = ?').run(id);
      const insert = this.db.prepare('INSERT INTO drivers_client_queues (client_id, queue_name, association_id, installed_at) VALUES (?, ?, ?, ?)');
      for (const name of reported) {
        const was = known.get(name);
        insert.run(id, name, was?.associationId ?? null, was?.installedAt ?? now);
      }
      return true;
    });
  }

  /** Notes which association a reported queue came from. */
  tagQueue(clientId: number, queueName: string, associationId: number, now: number): void {
    this.db
      .prepare('INSERT INTO drivers_client_queues (client_id, queue_name, association_id, installed_at) VALUES (?, ?, ?, ?) ON CONFLICT (client_id, queue_name) DO UPDATE SET association_id = excluded.association_id')
      .run(clientId, queueName, associationId, now);
  }

  dropQueue(clientId: number, queueName: string): void {
    this.db.prepare('DELETE FROM drivers_client_queues WHERE client_id = ? AND queue_name = ?').run(clientId, queueName);
  }

  // Groups

  groups(): ClientGroup[] {
    return this.toGroups(this.db.prepare<[], GroupRow>('SELECT * FROM drivers_client_groups ORDER BY name COLLATE NOCASE').all());
  }

  group(id: number): ClientGroup | null {
    const row = this.db.prepare<[number], GroupRow>('SELECT * FROM drivers_client_groups WHERE id = ?').get(id);
    return row ? (this.toGroups([row])[0] ?? null) : null;
  }

  saveGroup(id: number | undefined, group: { name: string; kind: 'static' | 'smart'; filter: ClientFilter | null; memberIds: readonly number[] }): number {
    return this.transaction(() => {
      const filter = group.filter === null ? null : JSON.stringify(group.filter);
      let groupId = id;
      if (groupId === undefined) groupId = Number(this.db.prepare('INSERT INTO drivers_client_groups (name, kind, filter) VALUES (?, ?, ?)').run(group.name, group.kind, filter).lastInsertRowid);
      else this.db.prepare('UPDATE drivers_client_groups SET name = ?, kind = ?, filter = ? WHERE id = ?').run(group.name, group.kind, filter, groupId);
      this.db.prepare('DELETE FROM drivers_client_group_members WHERE group_id = ?').run(groupId);
      const insert = this.db.prepare('INSERT INTO drivers_client_group_members (group_id, client_id) VALUES (?, ?)');
      if (group.kind === 'static') for (const member of new Set(group.memberIds)) insert.run(groupId, member);
      return groupId;
    });
  }

  removeGroup(id: number): void {
    this.db.prepare('DELETE FROM drivers_client_groups WHERE id = ?').run(id);
  }

  groupNameTaken(name: string, exceptId?: number): boolean {
    const row = this.db.prepare<[string], { id: number }>('SELECT id FROM drivers_client_groups WHERE name = ? COLLATE NOCASE').get(name);
    return row !== undefined && row.id !== exceptId;
  }

  /** The clients a selection of clients and groups names now (group members resolved, no duplicates, unknown ids left out). */
  resolve(clientIds: readonly number[], groupIds: readonly number[]): number[] {
    const wanted = new Set(clientIds);
    const groups = new Map(this.groups().map((g) => [g.id, g]));
    for (const groupId of groupIds) for (const member of groups.get(groupId)?.memberIds ?? []) wanted.add(member);
    return this.existing([...wanted]).sort((a, b) => a - b);
  }

  private queuesOf(id: number): InstalledQueue[] {
    return this.db
      .prepare<[number], { queue_name: string; association_id: number | null; installed_at: number }>('SELECT queue_name, association_id, installed_at FROM drivers_client_queues WHERE client_id = ? ORDER BY queue_name')
      .all(id)
      .map((r) => ({ queueName: r.queue_name, associationId: r.association_id, installedAt: r.installed_at }));
  }

  private allQueues(): Map<number, InstalledQueue[]> {
    const byClient = new Map<number, InstalledQueue[]>();
    const rows = this.db.prepare<[], { client_id: number; queue_name: string; association_id: number | null; installed_at: number }>('SELECT * FROM drivers_client_queues ORDER BY queue_name').all();
    for (const r of rows) {
      const list = byClient.get(r.client_id) ?? [];
      list.push({ queueName: r.queue_name, associationId: r.association_id, installedAt: r.installed_at });
      byClient.set(r.client_id, list);
    }
    return byClient;
  }

  /** Groups with their members; every client is read (once) only when a smart group needs its filter matched. */
  private toGroups(rows: readonly GroupRow[]): ClientGroup[] {
    let clients: ClientPc[] | null = null;
    const members = this.db.prepare<[number], { client_id: number }>('SELECT client_id FROM drivers_client_group_members WHERE group_id = ? ORDER BY client_id');
    return rows.map((row) => {
      const filter = row.filter === null ? null : clientFilterSchema.parse(JSON.parse(row.filter));
      const memberIds = row.kind === 'smart' && filter ? (clients ??= this.list()).filter((c) => matchesClientFilter(c, filter)).map((c) => c.id) : members.all(row.id).map((m) => m.client_id);
      return { id: row.id, name: row.name, kind: row.kind, filter, memberIds };
    });
  }

  private toClient(row: ClientRow, queues: InstalledQueue[]): ClientPc {
    return {
      id: row.id,
      name: row.name,
      os: row.os,
      address: row.address,
      site: row.site,
      source: row.source,
      enrolled: row.key_hash !== null,
      agentVersion: row.agent_version,
      osVersion: row.os_version,
      lastContact: row.last_contact,
      protectedPrint: row.protected_print === null ? null : row.protected_print === 1,
      queues,
      pendingJobs: row.pending,
      createdAt: row.created_at,
    };
  }
}
