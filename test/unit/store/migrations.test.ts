import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion, migrate, MIGRATIONS, userVersion, type Migration } from '../../../src-main/core/store/migrations';
import { StoreError } from '../../../src-main/core/store/store-error';

const open: BetterSqlite3.Database[] = [];
function emptyDb(): BetterSqlite3.Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function tables(db: BetterSqlite3.Database): string[] {
  return db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);
}
function columns(db: BetterSqlite3.Database, table: string): string[] {
  return db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((r) => r.name);
}

/**
 * Data-preservation cases: for every migration N ≥ 2, seed a database at N-1 and check the
 * data after migrating to N. Adding a migration without a case here fails the guard test.
 */
const PRESERVATION_CASES: Record<number, { seed: (db: BetterSqlite3.Database) => void; check: (db: BetterSqlite3.Database) => void }> = {
  2: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (7, '10.0.0.5', 161, 1, 'Front desk', 1, 'added')").run();
      db.prepare("INSERT INTO status_history (device_id, at, state, message, conditions) VALUES (7, 5, 'ok', 'Ready', '[]')").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT id, address, name FROM devices').all()).toEqual([{ id: 7, address: '10.0.0.5', name: 'Front desk' }]);
      expect(db.prepare('SELECT device_id, message FROM status_history').all()).toEqual([{ device_id: 7, message: 'Ready' }]);
      expect(db.prepare('SELECT count(*) AS n FROM groups').get()).toEqual({ n: 0 });
      // The new tables work with the old rows: device 7 can join a group.
      db.prepare("INSERT INTO groups (id, name, kind) VALUES (1, 'Finance', 'static')").run();
      db.prepare('INSERT INTO group_members (group_id, device_id) VALUES (1, 7)').run();
      expect(db.prepare('SELECT group_id, device_id FROM group_members').all()).toEqual([{ group_id: 1, device_id: 7 }]);
    },
  },
  3: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (9, '10.0.0.9', 161, 1, 'Lab', 1, 'discovered')").run();
    },
    check: (db) => {
      // Devices found before searches were recorded keep their row; they read with the default credentials.
      expect(db.prepare('SELECT id, name, snmp_credential FROM devices').all()).toEqual([{ id: 9, name: 'Lab', snmp_credential: null }]);
      db.prepare("INSERT INTO discovery_runs (id, name, fingerprint, state, started_at, request, counts) VALUES (1, 'lab', 'f', 'succeeded', 1, '{}', '{}')").run();
      db.prepare("INSERT INTO discovery_results (run_id, seq, device_id, address, port, outcome, methods, label) VALUES (1, 1, 9, '10.0.0.9', 161, 'unchanged', '[]', 'Lab')").run();
      // A result outlives its device (history), losing only the link.
      db.prepare('DELETE FROM devices WHERE id = 9').run();
      expect(db.prepare('SELECT device_id, address FROM discovery_results').all()).toEqual([{ device_id: null, address: '10.0.0.9' }]);
    },
  },
  4: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (3, '10.0.0.3', 161, 1, 'Desk', 1, 'added')").run();
      db.prepare("INSERT INTO groups (id, name, kind) VALUES (2, 'Desks', 'static')").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT id, name FROM devices').all()).toEqual([{ id: 3, name: 'Desk' }]);
      db.prepare(
        `INSERT INTO tasks (id, name, type, targets, params, schedule, missed_policy, enabled, created_at, updated_at, schedule_anchor, next_run_at)
         VALUES (1, 'Refresh desks', 'refresh', '{"deviceIds":[3],"groupIds":[2]}', '{}', '{"kind":"daily","time":"08:00"}', 'run-once', 1, 1, 1, 1, 5)`,
      ).run();
      db.prepare("INSERT INTO task_executions (id, task_id, task_name, trigger, state, queued_at) VALUES (1, 1, 'Refresh desks', 'schedule', 'queued', 5)").run();
      db.prepare("INSERT INTO task_device_results (execution_id, seq, device_id, label, ok, message, at) VALUES (1, 1, 3, 'Desk', 1, 'Ready', 6)").run();
      db.prepare("INSERT INTO task_log (execution_id, seq, at, line) VALUES (1, 1, 6, 'started')").run();
      expect(() => db.prepare("UPDATE task_executions SET state = 'paused'").run()).toThrow(/CHECK/);
      // A result outlives its device (losing the link); executions, results and log go with their task.
      db.prepare('DELETE FROM devices WHERE id = 3').run();
      expect(db.prepare('SELECT device_id, label FROM task_device_results').all()).toEqual([{ device_id: null, label: 'Desk' }]);
      db.prepare('DELETE FROM tasks WHERE id = 1').run();
      for (const table of ['task_executions', 'task_device_results', 'task_log']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    },
  },
  5: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (5, '10.0.0.5', 161, 1, 'Copy room', 1, 'added')").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT id, name FROM devices').all()).toEqual([{ id: 5, name: 'Copy room' }]);
      // One settings row with defaults (mail not set up, no passwords); there is never a second one.
      expect(db.prepare('SELECT id, smtp_host, smtp_port, smtp_security, smtp_auth, smtp_password_sealed, pop_enabled FROM mail_settings').all()).toEqual([
        { id: 1, smtp_host: '', smtp_port: 25, smtp_security: 'starttls', smtp_auth: 'none', smtp_password_sealed: null, pop_enabled: 0 },
      ]);
      expect(() => db.prepare('INSERT INTO mail_settings (id) VALUES (2)').run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO mail_outbox (kind, recipients, subject, text_body, state, created_at) VALUES ('alert', '[\"a@example.test\"]', 's', 't', 'queued', 1)").run();
      expect(() => db.prepare("INSERT INTO mail_outbox (kind, recipients, subject, text_body, state, created_at) VALUES ('alert', '[]', 's', 't', 'lost', 1)").run()).toThrow(/CHECK/);
      expect(db.prepare('SELECT state, attempts FROM mail_outbox').all()).toEqual([{ state: 'queued', attempts: 0 }]);
    },
  },
  6: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source, last_error_code) VALUES (4, '10.0.0.4', 161, 1, 'Hall', 1, 'added', 'snmp-timeout')").run();
    },
    check: (db) => {
      // Devices from before monitoring conditions start with no misses counted.
      expect(db.prepare('SELECT id, name, missed_polls, missing_since FROM devices').all()).toEqual([{ id: 4, name: 'Hall', missed_polls: 0, missing_since: null }]);
      db.prepare("INSERT INTO monitoring_conditions (id, name, definition, created_at, updated_at) VALUES (1, 'Jams', '{}', 1, 1)").run();
      db.prepare("INSERT INTO alert_states (condition_id, device_id, reported, mailed) VALUES (1, 4, '[]', '[]')").run();
      db.prepare("INSERT INTO alert_events (at, condition_id, condition_name, device_id, device_name, kind, active, previous) VALUES (1, 1, 'Jams', 4, 'Hall', 'raised', '[]', '[]')").run();
      // The log outlives its device and condition; the state goes with them.
      db.prepare('DELETE FROM devices WHERE id = 4').run();
      db.prepare('DELETE FROM monitoring_conditions WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) AS n FROM alert_states').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT device_id, condition_id, device_name FROM alert_events').all()).toEqual([{ device_id: null, condition_id: null, device_name: 'Hall' }]);
    },
  },
  7: {
    seed: (db) => {
      db.prepare(
        `INSERT INTO tasks (id, name, type, targets, params, schedule, missed_policy, enabled, created_at, updated_at, schedule_anchor)
         VALUES (2, 'Nightly', 'refresh', '{"deviceIds":[],"groupIds":[]}', '{}', '{"kind":"daily","time":"02:00"}', 'run-once', 1, 1, 1, 1)`,
      ).run();
    },
    check: (db) => {
      // Tasks from before accounts keep their row; nobody is recorded as their author.
      expect(db.prepare('SELECT id, name, created_by, updated_by FROM tasks').all()).toEqual([{ id: 2, name: 'Nightly', created_by: null, updated_by: null }]);
      // The three built-in groups exist; no user yet (the first start creates the administrator).
      expect(db.prepare('SELECT id, builtin FROM user_groups ORDER BY id').all()).toEqual([
        { id: 1, builtin: 'administrator' },
        { id: 2, builtin: 'operator' },
        { id: 3, builtin: 'viewer' },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
      db.prepare("INSERT INTO users (id, name, builtin, created_at) VALUES (1, 'admin', 1, 1)").run();
      expect(() => db.prepare("INSERT INTO users (id, name, builtin, created_at) VALUES (2, 'second', 1, 1)").run()).toThrow(/UNIQUE/);
      expect(() => db.prepare("INSERT INTO users (id, name, created_at) VALUES (3, 'ADMIN', 1)").run()).toThrow(/UNIQUE/);
      db.prepare('INSERT INTO user_group_members (user_id, group_id) VALUES (1, 1)').run();
      db.prepare("INSERT INTO sessions (token_hash, user_id, host, created_at, last_seen_at) VALUES ('h', 1, 'web', 1, 1)").run();
      // The audit log takes rows but refuses to change them.
      db.prepare("INSERT INTO audit_log (at, user_id, user_name, host, action, outcome) VALUES (1, 1, 'admin', 'web', 'auth.signIn', 'ok')").run();
      expect(() => db.prepare("UPDATE audit_log SET outcome = 'failed'").run()).toThrow(/cannot be changed/);
      // A user's sessions and memberships go with the user; the audit rows stay.
      db.prepare('DELETE FROM users WHERE id = 1').run();
      for (const table of ['sessions', 'user_group_members']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      expect(db.prepare('SELECT user_name FROM audit_log').all()).toEqual([{ user_name: 'admin' }]);
    },
  },
  8: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (6, '10.0.0.6', 161, 1, 'Annex', 1, 'added')").run();
      db.prepare("INSERT INTO groups (id, name, kind) VALUES (3, 'Annex', 'static')").run();
      db.prepare("INSERT INTO tasks (id, name, type, targets, params, schedule, missed_policy, enabled, created_at, updated_at, schedule_anchor) VALUES (1, 'R', 'refresh', '{}', '{}', '{\"kind\":\"now\"}', 'run-once', 1, 1, 1, 1)").run();
      db.prepare("INSERT INTO task_executions (id, task_id, task_name, trigger, state, queued_at) VALUES (1, 1, 'R', 'manual', 'succeeded', 1)").run();
      db.prepare("INSERT INTO task_device_results (execution_id, seq, device_id, label, ok, message, at) VALUES (1, 1, 6, 'Annex', 1, 'Ready', 2)").run();
    },
    check: (db) => {
      // Results from before per-item outcomes have none.
      expect(db.prepare('SELECT device_id, items FROM task_device_results').all()).toEqual([{ device_id: 6, items: null }]);
      db.prepare("INSERT INTO device_credentials (device_id, snmp_write, updated_at) VALUES (6, 'pd1:sealed', 1)").run();
      db.prepare("INSERT INTO group_credentials (group_id, admin_id, admin_password, updated_at) VALUES (3, 'admin', 'pd1:sealed', 1)").run();
      db.prepare("INSERT INTO device_settings (device_id, item, value, read_at) VALUES (6, 'deviceName', '\"Annex\"', 1)").run();
      db.prepare("INSERT INTO ip_pools (id, name, ranges, created_at, updated_at) VALUES (1, 'Floor 2', '10.0.2.10-19', 1, 1)").run();
      expect(() => db.prepare("INSERT INTO ip_pools (id, name, ranges, created_at, updated_at) VALUES (2, 'FLOOR 2', '10.0.3.0/28', 1, 1)").run()).toThrow(/UNIQUE/);
      db.prepare("INSERT INTO ip_pool_assignments (pool_id, address, device_id, assigned_at) VALUES (1, '10.0.2.10', 6, 1)").run();
      // Credentials and acquired settings go with their device; an assignment outlives it (the address stays used).
      db.prepare('DELETE FROM devices WHERE id = 6').run();
      for (const table of ['device_credentials', 'device_settings']) expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
      expect(db.prepare('SELECT address, device_id FROM ip_pool_assignments').all()).toEqual([{ address: '10.0.2.10', device_id: null }]);
      db.prepare('DELETE FROM groups WHERE id = 3').run();
      expect(db.prepare('SELECT count(*) AS n FROM group_credentials').get()).toEqual({ n: 0 });
    },
  },  9: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, name, first_seen, source) VALUES (4, '10.0.0.4', 161, 1, 'Hall', 1, 'added')").run();
    },
    check: (db) => {
      expect(db.prepare('SELECT id, name FROM devices').all()).toEqual([{ id: 4, name: 'Hall' }]);
      // Plug-ins start enabled (no row); a switched-off one has a row, and its own schema version is kept apart.
      expect(db.prepare('SELECT count(*) AS n FROM plugins').get()).toEqual({ n: 0 });
      db.prepare("INSERT INTO plugins (id, enabled, updated_at) VALUES ('addressbook', 0, 1)").run();
      db.prepare("INSERT INTO plugin_schema (plugin, version) VALUES ('addressbook', 2)").run();
      expect(() => db.prepare("INSERT INTO plugins (id, enabled, updated_at) VALUES ('x', 2, 1)").run()).toThrow(/CHECK/);
    },
  },
  10: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, serial, mac, address, port, address_since, name, first_seen, source) VALUES (4, 'S1', '02:00:00:00:00:01', '10.0.0.4', 161, 1, 'Hall', 1, 'discovered')").run();
    },
    check: (db) => {
      // Devices from before have no conflict; one can be recorded and found by the other address.
      expect(db.prepare('SELECT id, serial, conflict_address, conflict_port, conflict_seen FROM devices').all()).toEqual([
        { id: 4, serial: 'S1', conflict_address: null, conflict_port: null, conflict_seen: null },
      ]);
      db.prepare("UPDATE devices SET conflict_address = '10.0.0.9', conflict_port = 161, conflict_seen = 5 WHERE id = 4").run();
      expect(db.prepare("SELECT id FROM devices WHERE conflict_address = '10.0.0.9' AND conflict_port = 161").all()).toEqual([{ id: 4 }]);
    },
  },
  11: {
    seed: (db) => {
      db.prepare("INSERT INTO devices (id, address, port, address_since, first_seen, source) VALUES (3, '10.0.0.3', 161, 1, 1, 'added')").run();
      db.prepare("INSERT INTO counter_history (device_id, name, at, value) VALUES (3, 'total', 5, 100), (3, 'total', 6, 120)").run();
    },
    check: (db) => {
      // History from before is kept as it was; nothing is thinned yet, so maintenance starts from its oldest row.
      expect(db.prepare('SELECT device_id, at, value FROM counter_history ORDER BY at').all()).toEqual([
        { device_id: 3, at: 5, value: 100 },
        { device_id: 3, at: 6, value: 120 },
      ]);
      expect(db.prepare('SELECT count(*) AS n FROM history_thinning').get()).toEqual({ n: 0 });
      db.prepare('INSERT INTO history_thinning (bucket_ms, thinned_before, pass_until) VALUES (3600000, 0, 86400000)').run();
      expect(db.prepare('SELECT bucket_ms, thinned_before, pass_until, next_device FROM history_thinning').all()).toEqual([
        { bucket_ms: 3_600_000, thinned_before: 0, pass_until: 86_400_000, next_device: 0 },
      ]);
      expect(() => db.prepare('INSERT INTO history_thinning (bucket_ms, thinned_before) VALUES (0, 0)').run()).toThrow(/CHECK/);
    },
  },
  12: {
    seed: (db) => {
      db.prepare("UPDATE mail_settings SET smtp_host = 'mail.example.test', from_address = 'printdeck@example.test' WHERE id = 1").run();
    },
    check: (db) => {
      // The saved server stays; no console address yet, so mails carry no links until one is set.
      expect(db.prepare('SELECT smtp_host, from_address, console_url FROM mail_settings').all()).toEqual([
        { smtp_host: 'mail.example.test', from_address: 'printdeck@example.test', console_url: '' },
      ]);
    },
  },

};

describe('migration 1 (initial schema)', () => {
  it('creates every table of the store on an empty database and records version 1', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    expect(userVersion(db)).toBe(1);
    expect(tables(db)).toEqual([
      'alerts',
      'counter_history',
      'counters',
      'device_addresses',
      'device_snapshots',
      'devices',
      'status_history',
      'supplies',
      'supply_history',
      'trays',
    ]);
    expect(columns(db, 'devices')).toEqual(
      expect.arrayContaining(['id', 'serial', 'mac', 'address', 'port', 'name', 'vendor', 'model', 'firmware', 'sys_descr',
        'sys_object_id', 'location', 'contact', 'uptime_s', 'state', 'status_message', 'conditions', 'first_seen',
        'last_seen', 'last_attempt', 'last_error_code', 'last_error_message', 'source', 'profile_id']),
    );
    expect(columns(db, 'supplies')).toEqual(
      expect.arrayContaining(['device_id', 'idx', 'type', 'class', 'color', 'description', 'level', 'max', 'unit', 'percent', 'quality']),
    );
    expect(columns(db, 'supply_history')).toEqual(['id', 'device_id', 'idx', 'at', 'percent', 'level']);
    expect(columns(db, 'counter_history')).toEqual(['id', 'device_id', 'name', 'at', 'value']);
  });

  it('indexes the identity lookups (serial, MAC, address) and history by device and time', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    const indexed = (table: string) =>
      db
        .prepare<[], { name: string }>(`PRAGMA index_list(${table})`)
        .all()
        .map((i) => db.prepare<[], { name: string }>(`PRAGMA index_info(${i.name})`).all().map((c) => c.name).join(','));
    expect(indexed('devices')).toEqual(expect.arrayContaining(['serial', 'mac', 'address,port']));
    for (const table of ['status_history', 'supply_history', 'counter_history']) {
      expect(indexed(table)).toContain('device_id,at');
    }
  });

  it('makes every per-device table cascade when its device is deleted', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    const children = tables(db).filter((t) => t !== 'devices');
    for (const table of children) {
      const keys = db.prepare<[], { table: string; on_delete: string }>(`PRAGMA foreign_key_list(${table})`).all();
      expect(keys, table).toEqual([expect.objectContaining({ table: 'devices', on_delete: 'CASCADE' })]);
    }
  });
});

describe('migration 2 (groups and saved filters)', () => {
  function atVersion2(): BetterSqlite3.Database {
    const db = emptyDb();
    migrate(db, MIGRATIONS.slice(0, 2));
    return db;
  }
  const insertDevice = (db: BetterSqlite3.Database, id: number) =>
    db.prepare("INSERT INTO devices (id, address, port, address_since, first_seen, source) VALUES (?, '10.0.0.' || ?, 161, 1, 1, 'added')").run(id, id);

  it('creates groups, group_members and saved_filters on an empty database and records version 2', () => {
    const db = atVersion2();
    expect(userVersion(db)).toBe(2);
    expect(tables(db)).toEqual(expect.arrayContaining(['groups', 'group_members', 'saved_filters', 'devices']));
    expect(columns(db, 'groups')).toEqual(['id', 'name', 'kind', 'filter']);
    expect(columns(db, 'group_members')).toEqual(['group_id', 'device_id']);
    expect(columns(db, 'saved_filters')).toEqual(['id', 'name', 'filter']);
  });

  it('keeps group and filter names unique regardless of case', () => {
    const db = atVersion2();
    db.prepare("INSERT INTO groups (name, kind) VALUES ('Finance', 'static')").run();
    expect(() => db.prepare("INSERT INTO groups (name, kind) VALUES ('FINANCE', 'static')").run()).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO saved_filters (name, filter) VALUES ('Errors', '{}')").run();
    expect(() => db.prepare("INSERT INTO saved_filters (name, filter) VALUES ('errors', '{}')").run()).toThrow(/UNIQUE/);
  });

  it('accepts only static groups without a filter and smart groups with one', () => {
    const db = atVersion2();
    const insert = db.prepare<[string, string, string | null]>('INSERT INTO groups (name, kind, filter) VALUES (?, ?, ?)');
    expect(() => insert.run('a', 'smart', null)).toThrow(/CHECK/);
    expect(() => insert.run('b', 'static', '{}')).toThrow(/CHECK/);
    expect(() => insert.run('c', 'dynamic', '{}')).toThrow(/CHECK/);
    insert.run('d', 'smart', '{}');
    insert.run('e', 'static', null);
    expect(db.prepare('SELECT name FROM groups ORDER BY name').all()).toEqual([{ name: 'd' }, { name: 'e' }]);
  });

  it('drops memberships with their device and with their group, never the other side', () => {
    const db = atVersion2();
    for (const id of [1, 2]) insertDevice(db, id);
    db.prepare("INSERT INTO groups (id, name, kind) VALUES (10, 'A', 'static'), (11, 'B', 'static')").run();
    db.prepare('INSERT INTO group_members (group_id, device_id) VALUES (10, 1), (10, 2), (11, 1)').run();
    db.prepare('DELETE FROM devices WHERE id = 1').run();
    expect(db.prepare('SELECT group_id, device_id FROM group_members ORDER BY group_id').all()).toEqual([{ group_id: 10, device_id: 2 }]);
    db.prepare('DELETE FROM groups WHERE id = 10').run();
    expect(db.prepare('SELECT count(*) AS n FROM group_members').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM devices').all()).toEqual([{ id: 2 }]);
    expect(db.prepare('SELECT id FROM groups').all()).toEqual([{ id: 11 }]);
  });

  it('refuses a membership of a device or group that does not exist', () => {
    const db = atVersion2();
    insertDevice(db, 1);
    db.prepare("INSERT INTO groups (id, name, kind) VALUES (10, 'A', 'static')").run();
    expect(() => db.prepare('INSERT INTO group_members (group_id, device_id) VALUES (10, 99)').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare('INSERT INTO group_members (group_id, device_id) VALUES (99, 1)').run()).toThrow(/FOREIGN KEY/);
  });
});

describe('migration runner', () => {
  it('has a data-preservation case for every migration after the first', () => {
    const missing = MIGRATIONS.filter((m) => m.version > 1 && !(m.version in PRESERVATION_CASES)).map((m) => m.version);
    expect(missing).toEqual([]);
  });

  it.each(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version))(
    'migration %i keeps the data of a database at the previous version',
    (version) => {
      const db = emptyDb();
      migrate(db, MIGRATIONS.slice(0, version - 1));
      PRESERVATION_CASES[version]?.seed(db);
      migrate(db, MIGRATIONS.slice(0, version));
      expect(userVersion(db)).toBe(version);
      PRESERVATION_CASES[version]?.check(db);
    },
  );

  it('applies only the steps above the recorded version and keeps existing rows', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS);
    db.prepare("INSERT INTO devices (address, port, address_since, first_seen, source) VALUES ('10.0.0.5', 161, 1, 1, 'added')").run();
    const next: Migration = { version: MIGRATIONS.length + 1, name: 'add notes', up: (d) => d.exec('ALTER TABLE devices ADD COLUMN notes TEXT') };
    expect(migrate(db, [...MIGRATIONS, next])).toBe(next.version);
    expect(userVersion(db)).toBe(next.version);
    expect(db.prepare('SELECT address, notes FROM devices').all()).toEqual([{ address: '10.0.0.5', notes: null }]);
  });

  it('does nothing when run again at the latest version', () => {
    const db = emptyDb();
    migrate(db, MIGRATIONS);
    expect(() => migrate(db, MIGRATIONS)).not.toThrow();
    expect(userVersion(db)).toBe(latestVersion(MIGRATIONS));
  });

  it('rolls every step back when a later step fails, leaving version and schema untouched', () => {
    const db = emptyDb();
    const broken: Migration = { version: MIGRATIONS.length + 1, name: 'broken', up: (d) => d.exec('CREATE TABLE oops (') };
    const error = captureError(() => migrate(db, [...MIGRATIONS, broken]));
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store-migration-failed' });
    expect(String((error as Error).message)).toContain('broken');
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('refuses a database written by a newer schema with store-too-new', () => {
    const db = emptyDb();
    db.pragma(`user_version = ${latestVersion(MIGRATIONS) + 1}`);
    const error = captureError(() => migrate(db, MIGRATIONS));
    expect(error).toMatchObject({ code: 'store-too-new' });
    expect(String((error as Error).message)).toMatch(/newer Printdeck/);
    expect(tables(db)).toEqual([]);
  });

  it('rejects a migration list that is not numbered 1, 2, 3 …', () => {
    const db = emptyDb();
    const skipped: Migration = { version: 3, name: 'skipped two', up: () => undefined };
    // 1 then 3: version 2 is missing.
    expect(() => migrate(db, [...MIGRATIONS.slice(0, 1), skipped])).toThrow(RangeError);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
