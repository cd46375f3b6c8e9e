import { randomBytes } from 'node:crypto';
import { UdirectoryFault } from './udirectory-faults';

export type LockMode = 'S' | 'X';

interface Session {
  readonly id: string;
  readonly lockMode: LockMode;
  readonly timeLimitMs: number;
  expiresAt: number;
}

/**
 * The sessions of one device. A session lives `timeLimit` seconds after its last call (each
 * call renews it; our reading of "timeLimit"). Locks: as many shared (S) sessions as asked for, or
 * one exclusive (X) session and nothing else — a start that would break that is COMMON_BUSY.
 * Expired sessions are swept on every call, so a client that never terminates only blocks
 * others for timeLimit.
 */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  started = 0;
  terminated = 0;
  expired = 0;

  constructor(private readonly now: () => number) {}

  /** Sessions neither terminated nor expired. */
  get open(): number {
    this.sweep();
    return this.sessions.size;
  }

  /** A new session's id; COMMON_BUSY when the lock cannot be had. */
  start(lockMode: LockMode, timeLimitSeconds: number): string {
    this.sweep();
    const others = [...this.sessions.values()];
    const exclusive = others.find((s) => s.lockMode === 'X');
    if (exclusive || (lockMode === 'X' && others.length > 0)) {
      const holder = exclusive ? 'another session holds the exclusive lock' : `${others.length} other session(s) are reading the address book`;
      throw new UdirectoryFault('COMMON_BUSY', `busy: ${holder}; try again when it ends (at most ${Math.ceil(this.longestWait() / 1000)} s)`);
    }
    const id = randomBytes(12).toString('hex');
    const timeLimitMs = timeLimitSeconds * 1000;
    this.sessions.set(id, { id, lockMode, timeLimitMs, expiresAt: this.now() + timeLimitMs });
    this.started++;
    return id;
  }

  /** The lock mode of a live session, renewing it; COMMON_INVALID_SESSION otherwise. */
  use(id: string): LockMode {
    this.sweep();
    const session = this.sessions.get(id);
    if (!session) throw new UdirectoryFault('COMMON_INVALID_SESSION', `session "${id.slice(0, 32)}" is not open (never started, terminated or expired)`);
    session.expiresAt = this.now() + session.timeLimitMs;
    return session.lockMode;
  }

  /** Ends a live session; COMMON_INVALID_SESSION when it is not one. */
  terminate(id: string): void {
    this.use(id);
    this.sessions.delete(id);
    this.terminated++;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) {
        this.sessions.delete(id);
        this.expired++;
      }
    }
  }

  private longestWait(): number {
    const now = this.now();
    return Math.max(0, ...[...this.sessions.values()].map((s) => s.expiresAt - now));
  }
}
