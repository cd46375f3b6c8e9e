import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../src-main/core/secrets/file-key-secret-store';
import { AgentJobsRepository } from '../../../../src-main/plugins/drivers/store/agent-jobs.repository';
import { DRIVERS_MIGRATIONS } from '../../../../src-main/plugins/drivers/store/drivers.migrations';
import type { AgentJob } from '../../../../src-shared/plugins/drivers/agent-protocol';

/** The drivers plug-in's tables: migrations keep what is there; one unreadable stored job does not stop the others. */

function migrated(upTo: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of DRIVERS_MIGRATIONS.slice(0, upTo)) migration.up(db);
  return db;
}

const queue = (queueName: string): AgentJob['queues'][number] => ({
  associationId: 1,
  name: queueName,
  queueName,
  uri: 'ipp://10.0.0.9:631/ipp/print',
  protocol: 'ipp',
  host: '10.0.0.9',
  port: 631,
  resource: 'ipp/print',
  defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null },
  location: '',
  set: { name: 'Driverless', os: 'linux', kind: 'driverless', driverName: '', entryFile: null, folder: null, manifestSha256: null, store: null },
});

describe('drivers migrations', () => {
  it('numbered 1, 2, 3 … in order', () => {
    expect(DRIVERS_MIGRATIONS.map((m) => m.version)).toEqual(DRIVERS_MIGRATIONS.map((_, i) => i + 1));
  });

  it('applied one after the other on a database with data, keep every row', () => {
    const db = migrated(1);
    db.prepare("INSERT INTO drivers_stores (id, name, settings, password, updated_at) VALUES (1, 'Main', '{}', 'sealed', 1)").run();
    db.prepare("INSERT INTO drivers_sets (id, name, os, arch, kind, store_id, folder, files, bytes, manifest_sha256, created_at) VALUES (1, 'HP', 'windows', 'x64', 'inf', 1, 'sets/hp-1', 3, 99, 'ab', 1)").run();
    db.prepare("INSERT INTO drivers_associations (id, name, device_id, set_id, queue_name, protocol, defaults, updated_at) VALUES (1, 'Floor 3', 7, 1, 'Floor3', 'ipp', '{}', 1)").run();
    for (const migration of DRIVERS_MIGRATIONS.slice(1, 2)) migration.up(db);
    db.prepare("INSERT INTO drivers_clients (id, name, os, source, key_hash, created_at) VALUES (1, 'PC-1', 'windows', 'csv', 'kh', 1)").run();
    db.prepare("INSERT INTO drivers_enrolment_tokens (id, label, secret_hash, expires_at, uses, created_at) VALUES (1, 'quick', 'th', 99, 5, 1)").run();
    db.prepare("INSERT INTO drivers_jobs (id, client_id, action, queue_names, spec, state, created_at) VALUES (1, 1, 'install', '[\"Floor3\"]', 'x', 'queued', 1)").run();
    db.prepare("INSERT INTO drivers_client_queues (client_id, queue_name, association_id, installed_at) VALUES (1, 'Floor3', 1, 5)").run();
    for (const migration of DRIVERS_MIGRATIONS.slice(2)) migration.up(db);
    expect(db.prepare('SELECT name, password FROM drivers_stores').all()).toEqual([{ name: 'Main', password: 'sealed' }]);
    expect(db.prepare('SELECT name, folder, manifest_sha256 FROM drivers_sets').all()).toEqual([{ name: 'HP', folder: 'sets/hp-1', manifest_sha256: 'ab' }]);
    expect(db.prepare('SELECT name, queue_name FROM drivers_associations').all()).toEqual([{ name: 'Floor 3', queue_name: 'Floor3' }]);
    expect(db.prepare('SELECT name, key_hash, ssh_host_key FROM drivers_clients').all()).toEqual([{ name: 'PC-1', key_hash: 'kh', ssh_host_key: null }]);
    expect(db.prepare('SELECT label, uses, client_id FROM drivers_enrolment_tokens').all()).toEqual([{ label: 'quick', uses: 5, client_id: null }]);
    expect(db.prepare('SELECT id, state FROM drivers_jobs').all()).toEqual([{ id: 1, state: 'queued' }]);
    expect(db.prepare('SELECT queue_name, installed_at FROM drivers_client_queues').all()).toEqual([{ queue_name: 'Floor3', installed_at: 5 }]);
    // A token for one PC goes with the PC.
    db.prepare("INSERT INTO drivers_enrolment_tokens (label, secret_hash, expires_at, uses, created_at, client_id) VALUES ('for PC-1', 'th2', 99, 1, 1, 1)").run();
    db.prepare('DELETE FROM drivers_clients WHERE id = 1').run();
    expect(db.prepare('SELECT label FROM drivers_enrolment_tokens').all()).toEqual([{ label: 'quick' }]);
  });
});

describe('open jobs of an agent', () => {
  it('a stored job that no longer reads is closed as failed with the reason; the others still go out', () => {
    const db = migrated(DRIVERS_MIGRATIONS.length);
    const secrets = createMemorySecretStore();
    const jobs = new AgentJobsRepository(db, secrets);
    db.prepare("INSERT INTO drivers_clients (id, name, os, source, created_at) VALUES (1, 'PC-1', 'linux', 'csv', 1)").run();
    const good = jobs.queue(1, null, 'install', [queue('Floor3')], 10);
    const old = jobs.queue(1, null, 'install', [queue('Floor4')], 11);
    // Written by an earlier version: the store carried its password then.
    const stale = JSON.stringify([{ ...queue('Floor4'), set: { ...queue('Floor4').set, store: { host: 'ftp', password: 'p' } } }]);
    db.prepare('UPDATE drivers_jobs SET spec = ? WHERE id = ?').run(secrets.seal(stale), old);
    const unsealed = jobs.queue(1, null, 'remove', [queue('Floor5')], 12);
    db.prepare("UPDATE drivers_jobs SET spec = 'not sealed' WHERE id = ?").run(unsealed);
    expect(jobs.open(1, 50).map((j) => j.id)).toEqual([good]);
    expect(jobs.get(old)).toMatchObject({ state: 'failed', finishedAt: 50, summary: expect.stringMatching(/^Floor4 job: the stored job cannot be read \(queues\.0\.set\.store\.id: .*push it again$/) });
    expect(jobs.get(unsealed)).toMatchObject({ state: 'failed', summary: expect.stringMatching(/^Floor5 job: the stored job cannot be read/) });
    expect(jobs.open(1, 60).map((j) => j.id)).toEqual([good]);
  });
});
