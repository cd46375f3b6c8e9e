/**
 * Misbehaviour of one simulated device, decided per request. Random choices come from a
 * seeded generator so that a test that drops 30 % of requests drops the same ones each run.
 */

export interface SimFaults {
  /** Never answers (a device that is switched off or filtered). */
  silent: boolean;
  /** Share of requests (0–100) ignored, chosen by the seeded generator. */
  dropPercent: number;
  /** Answers after this many milliseconds. */
  delayMs: number;
  /** Answers with random bytes instead of SNMP. */
  malformed: boolean;
  /** Answers with the first half of the reply only. */
  truncate: boolean;
  /** Answers with a request-id (v3: msgID too) that does not match the request. */
  wrongRequestId: boolean;
  /** Stops answering after this many more requests: a device that vanishes mid-walk. */
  disappearAfterRequests: number | null;
}

export const NO_FAULTS: Readonly<SimFaults> = {
  silent: false,
  dropPercent: 0,
  delayMs: 0,
  malformed: false,
  truncate: false,
  wrongRequestId: false,
  disappearAfterRequests: null,
};

/** Throws RangeError for values that make no sense (negative delay, drop above 100 …). */
export function validateFaults(f: Partial<SimFaults>): void {
  if (f.dropPercent !== undefined && !(f.dropPercent >= 0 && f.dropPercent <= 100)) throw new RangeError(`dropPercent must be 0..100, got ${f.dropPercent}`);
  if (f.delayMs !== undefined && !(Number.isFinite(f.delayMs) && f.delayMs >= 0)) throw new RangeError(`delayMs must be ≥ 0, got ${f.delayMs}`);
  const d = f.disappearAfterRequests;
  if (d !== undefined && d !== null && !(Number.isInteger(d) && d >= 0)) throw new RangeError(`disappearAfterRequests must be a whole number ≥ 0 or null, got ${d}`);
}

/** mulberry32: small, fast and good enough for test decisions (not for cryptography). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a string (FNV-1a), to derive per-device seeds from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type FaultDecision = 'answer' | 'ignore';

export class FaultInjector {
  private faults: SimFaults = { ...NO_FAULTS };
  private answeredSinceArmed = 0;
  private readonly random: () => number;

  constructor(seed: number, initial: Partial<SimFaults> = {}) {
    this.random = seededRandom(seed);
    this.update(initial);
  }

  get current(): Readonly<SimFaults> {
    return this.faults;
  }

  /** Merges `changes`; setting disappearAfterRequests restarts its count. Throws RangeError on bad values. */
  update(changes: Partial<SimFaults>): void {
    validateFaults(changes);
    this.faults = { ...this.faults, ...changes };
    if (changes.disappearAfterRequests !== undefined) this.answeredSinceArmed = 0;
  }

  /** Whether the request just received gets an answer at all. */
  decide(): FaultDecision {
    const f = this.faults;
    if (f.silent) return 'ignore';
    if (f.disappearAfterRequests !== null) {
      if (this.answeredSinceArmed >= f.disappearAfterRequests) return 'ignore';
      this.answeredSinceArmed++;
    }
    if (f.dropPercent > 0 && this.random() * 100 < f.dropPercent) return 'ignore';
    return 'answer';
  }

  /** The reply as it leaves the device: garbage or cut short when so configured. */
  mangle(reply: Buffer): Buffer {
    if (this.faults.malformed) {
      const garbage = Buffer.allocUnsafe(Math.max(8, Math.min(reply.length, 64)));
      for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(this.random() * 256);
      // A leading byte that is not SEQUENCE guarantees no decoder mistakes it for SNMP.
      garbage[0] = 0xff;
      return garbage;
    }
    if (this.faults.truncate) return reply.subarray(0, Math.max(1, reply.length >> 1));
    return reply;
  }
}
