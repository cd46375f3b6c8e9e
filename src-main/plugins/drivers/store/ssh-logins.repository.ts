import type { PluginDatabase, SecretStore } from '../../../plugin-api/plugin-host';
import type { SshLogin } from '../../../../src-shared/plugins/drivers/agent-install';

interface Row {
  id: number;
  name: string;
  user: string;
  password: string | null;
  private_key: string | null;
  passphrase: string | null;
  updated_at: number;
  updated_by: string | null;
}

export interface OpenedLogin {
  user: string;
  password: string | null;
  privateKey: string | null;
  passphrase: string | null;
}

const toLogin = (r: Row): SshLogin => ({ id: r.id, name: r.name, user: r.user, passwordSet: r.password !== null, privateKeySet: r.private_key !== null, updatedAt: r.updated_at, updatedBy: r.updated_by });

/** Stored SSH logins (secrets sealed) and the host keys of client PCs as first seen. */
export class SshLoginsRepository {
  constructor(
    private readonly db: PluginDatabase,
    private readonly secrets: SecretStore,
  ) {}

  list(): SshLogin[] {
    return this.db.prepare<[], Row>('SELECT * FROM drivers_ssh_logins ORDER BY name COLLATE NOCASE').all().map(toLogin);
  }

  get(id: number): SshLogin | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM drivers_ssh_logins WHERE id = ?').get(id);
    return row ? toLogin(row) : null;
  }

  nameTaken(name: string, exceptId?: number): boolean {
    const row = this.db.prepare<[string], { id: number }>('SELECT id FROM drivers_ssh_logins WHERE name = ? COLLATE NOCASE').get(name);
    return row !== undefined && row.id !== exceptId;
  }

  /** Secrets: a string seals it, null clears it, undefined keeps it. */
  save(id: number | undefined, fields: { name: string; user: string; password?: string | null; privateKey?: string | null; passphrase?: string | null }, by: string | null, at: number): number {
    const seal = (v: string | null | undefined): string | null | undefined => (v === undefined || v === null ? v : this.secrets.seal(v));
    return this.db.transaction(() => {
      const rowId = id ?? Number(this.db.prepare('INSERT INTO drivers_ssh_logins (name, user, updated_at, updated_by) VALUES (?, ?, ?, ?)').run(fields.name, fields.user, at, by).lastInsertRowid);
      this.db.prepare('UPDATE drivers_ssh_logins SET name = ?, user = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(fields.name, fields.user, at, by, rowId);
      const secrets = { password: seal(fields.password), private_key: seal(fields.privateKey), passphrase: seal(fields.passphrase) };
      for (const [column, value] of Object.entries(secrets)) if (value !== undefined) this.db.prepare(`UPDATE drivers_ssh_logins SET ${column} = ? WHERE id = ?`).run(value, rowId);
      return rowId;
    })();
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM drivers_ssh_logins WHERE id = ?').run(id);
  }

  /** The login with its secrets opened (for a task's connections only). */
  open(id: number): OpenedLogin | null {
    const row = this.db.prepare<[number], Row>('SELECT * FROM drivers_ssh_logins WHERE id = ?').get(id);
    if (!row) return null;
    const open = (v: string | null): string | null => (v === null ? null : this.secrets.open(v));
    return { user: row.user, password: open(row.password), privateKey: open(row.private_key), passphrase: open(row.passphrase) };
  }

  hostKey(clientId: number): string | null {
    return this.db.prepare<[number], { ssh_host_key: string | null }>('SELECT ssh_host_key FROM drivers_clients WHERE id = ?').get(clientId)?.ssh_host_key ?? null;
  }

  forgetHostKey(clientId: number): void {
    this.db.prepare('UPDATE drivers_clients SET ssh_host_key = NULL WHERE id = ?').run(clientId);
  }

  rememberHostKey(clientId: number, fingerprint: string): void {
    this.db.prepare('UPDATE drivers_clients SET ssh_host_key = ? WHERE id = ?').run(fingerprint, clientId);
  }
}
