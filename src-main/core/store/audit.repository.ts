import type { AuditEntry, AuditFilter, AuditOutcome } from '../../../src-shared/contract/audit.contract';
import type { Database } from './database';

/** A row to append (detail already masked and serialised). */
export interface AuditRow {
  at: number;
  userId: number | null;
  userName: string;
  host: AuditEntry['host'];
  address: string | null;
  action: string;
  function: string | null;
  targets: readonly string[];
  outcome: AuditOutcome;
  errorCode: string | null;
  message: string | null;
  detail: string | null;
}

interface Row {
  id: number;
  at: number;
  user_id: number | null;
  user_name: string;
  host: AuditEntry['host'];
  address: string | null;
  action: string;
  function: string | null;
  targets: string;
  outcome: AuditOutcome;
  error_code: string | null;
  message: string | null;
  detail: string | null;
}

/** The system log: append, query, and delete by age (retention) — nothing else; the schema refuses UPDATE. */
export class AuditRepository {
  private readonly insertRow;

  constructor(private readonly db: Database) {
    this.insertRow = db.prepare(
      'INSERT INTO audit_log (at, user_id, user_name, host, address, action, function, targets, outcome, error_code, message, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  append(row: AuditRow): number {
    return Number(
      this.insertRow.run(row.at, row.userId, row.userName, row.host, row.address, row.action, row.function, JSON.stringify(row.targets), row.outcome, row.errorCode, row.message, row.detail)
        .lastInsertRowid,
    );
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether more exist. */
  list(filter: AuditFilter & { beforeId?: number }, limit: number, order: 'newest' | 'oldest' = 'newest'): AuditEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at < ?');
      params.push(filter.to);
    }
    if (filter.user) {
      where.push('user_name = ? COLLATE NOCASE');
      params.push(filter.user);
    }
    if (filter.action) {
      where.push("action LIKE ? ESCAPE '\\'");
      params.push(`${likeEscape(filter.action)}%`);
    }
    if (filter.outcome) {
      where.push('outcome = ?');
      params.push(filter.outcome);
    }
    if (filter.text) {
      where.push("(targets LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\')");
      const like = `%${likeEscape(filter.text)}%`;
      params.push(like, like, like, like);
    }
    if (filter.beforeId !== undefined) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    const sql = `SELECT * FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ${order === 'newest' ? 'DESC' : 'ASC'} LIMIT ?`;
    return this.db.prepare<(string | number)[], Row>(sql).all(...params, limit).map(toEntry);
  }

  /** Deletes entries older than `before`; returns how many. */
  deleteOlderThan(before: number): number {
    return this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(before).changes;
  }
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    userName: row.user_name,
    host: row.host,
    address: row.address,
    action: row.action,
    function: row.function,
    targets: parseArray(row.targets),
    outcome: row.outcome,
    errorCode: row.error_code,
    message: row.message,
    detail: parseDetail(row.detail),
  };
}

function parseArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
