/**
 * Sessions by target key, created on demand and closed after an idle time, so a poller that
 * visits 10,000 devices once a minute does not hold 10,000 sessions between rounds.
 */

export interface PooledSession {
  /** Requests in flight on the session; a busy session is never closed for idleness. */
  inFlight: number;
  /** Last time (per the pool's clock) the session was used. */
  lastUsed: number;
  /** Releases the session; called once, never while the pool still lends it out. */
  dispose(): void;
}

export interface SessionPoolOptions {
  idleMs: number;
  now: () => number;
}

export class SessionPool<S extends PooledSession> {
  private readonly sessions = new Map<string, S>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: SessionPoolOptions) {}

  get size(): number {
    return this.sessions.size;
  }

  /** The session for `key`, if one is open; never throws. */
  get(key: string): S | undefined {
    return this.sessions.get(key);
  }

  /** Lends out a new session under `key` and starts the idle sweep; never throws. */
  add(key: string, session: S): void {
    this.sessions.set(key, session);
    if (this.timer === null) {
      // Sweeping twice per idle period bounds how long an idle session lingers (≤ 1.5 × idleMs).
      this.timer = setInterval(() => this.sweep(), Math.max(50, this.options.idleMs / 2));
      this.timer.unref();
    }
  }

  /** Stops lending out `session` (the caller disposes of it); never throws. */
  remove(key: string, session: S): void {
    if (this.sessions.get(key) === session) this.sessions.delete(key);
    this.stopWhenEmpty();
  }

  /** Disposes of sessions idle for idleMs or more; never throws (dispose errors are swallowed). */
  sweep(): void {
    const now = this.options.now();
    for (const [key, session] of this.sessions) {
      if (session.inFlight > 0) {
        session.lastUsed = now;
      } else if (now - session.lastUsed >= this.options.idleMs) {
        this.sessions.delete(key);
        disposeQuietly(session);
      }
    }
    this.stopWhenEmpty();
  }

  /** Disposes of every session; never throws. */
  closeAll(): void {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    this.stopWhenEmpty();
    for (const session of all) disposeQuietly(session);
  }

  private stopWhenEmpty(): void {
    if (this.sessions.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

function disposeQuietly(session: PooledSession): void {
  try {
    session.dispose();
  } catch {
    // a session that fails to close has nothing left to release
  }
}
