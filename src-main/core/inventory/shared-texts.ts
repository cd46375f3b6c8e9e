import type { DeviceReading } from '../../../src-shared/domain/device-reading';

/**
 * One copy of each text that repeats across a fleet. Every reading is decoded from its own
 * datagrams, so 10,000 printers of a few models held 10,000 copies of "Black Toner Cartridge",
 * "Tray 2", "A4" and the same sysDescr — a quarter of the heap a large fleet keeps between polls
 * (the last reading of each device stays in memory for the unchanged-poll shortcut). A reading
 * is given the pool's copy of each text it shares with one seen before. Texts that are one
 * device's own (serial, MAC, sysName) are not pooled. The pool is bounded: past MAX_TEXTS
 * distinct texts it stops adding (sharing goes on for those it has).
 */
export const MAX_TEXTS = 20_000;

export class SharedTexts {
  private readonly texts = new Map<string, string>();

  get size(): number {
    return this.texts.size;
  }

  /** The pool's copy of `text` (the same characters); never throws. */
  share<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    if (this.texts.size < MAX_TEXTS) this.texts.set(text, text);
    return text;
  }

  /** Replaces the repeating texts of a reading just assembled (not yet handed out) by the pool's copies. */
  shareReading(reading: DeviceReading): void {
    const { identity, status } = reading;
    identity.vendor = this.share(identity.vendor);
    identity.model = this.share(identity.model);
    identity.firmware = this.share(identity.firmware);
    identity.sysDescr = this.share(identity.sysDescr);
    identity.sysObjectID = this.share(identity.sysObjectID);
    identity.location = this.share(identity.location);
    identity.contact = this.share(identity.contact);
    status.message = this.share(status.message);
    for (const s of reading.supplies) {
      s.index = this.share(s.index);
      s.type = this.share(s.type);
      s.color = this.share(s.color);
      s.description = this.share(s.description);
      s.unit = this.share(s.unit);
    }
    for (const t of reading.trays) {
      t.index = this.share(t.index);
      t.name = this.share(t.name);
      t.type = this.share(t.type);
      t.media = this.share(t.media);
    }
    for (const c of reading.counters) {
      c.name = this.share(c.name);
      c.unit = this.share(c.unit);
    }
    for (const a of reading.alerts) {
      a.severity = this.share(a.severity);
      a.group = this.share(a.group);
      a.code = this.share(a.code);
      a.description = this.share(a.description);
      a.location = this.share(a.location);
    }
  }
}
