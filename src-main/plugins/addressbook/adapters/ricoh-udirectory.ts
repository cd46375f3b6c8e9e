import type { AddressEntry } from '../../../../src-shared/plugins/addressbook/address-entry';
import { AdapterError, type AddressBookAdapter, type AuthenticationCheck, type DeliveryMode, type DeliveryOutcome, type DeviceEndpoint, type DeviceLogin } from './address-book-adapter';
import { fromRicohProps, READ_PROPS, toRicohProps } from './ricoh-entry-mapping';
import { UdirectoryFaultError, type Property } from './udirectory-messages';
import { DEFAULT_UDIRECTORY_OPTIONS, faultMeaning, OBJECTS_PER_CALL, withSession, type UdirectoryOptions, type UdirectorySession } from './udirectory-session';

/** Pages a read walks at most: 99,999 entries / 50 per page, and one more. */
const MAX_PAGES = Math.ceil(99_999 / OBJECTS_PER_CALL) + 1;

interface DeviceRow {
  id: string;
  number: number;
}

interface Pending {
  number: number;
  props: Property[];
}

/**
 * Ricoh's udirectory SOAP service (POST /DH/udirectory): reads in a shared session (lockMode
 * S), writes in an exclusive one (X), pages of 50, and terminateSession after every session
 * it started. See README.md for the property mapping and what a Ricoh cannot hold.
 */
export class RicohUdirectoryAdapter implements AddressBookAdapter {
  readonly id = 'ricoh-udirectory';
  private readonly options: UdirectoryOptions;

  constructor(options: Partial<UdirectoryOptions> = {}) {
    this.options = { ...DEFAULT_UDIRECTORY_OPTIONS, ...options };
  }

  async testAuthentication(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<AuthenticationCheck> {
    try {
      await withSession(endpoint, login, 'S', signal, this.options, async () => undefined);
      return { ok: true, step: 'ok', message: `Logged in to the address book of the device as "${login.user}".` };
    } catch (error) {
      if (!(error instanceof AdapterError)) return { ok: false, step: 'failed', message: `The login test failed: ${error instanceof Error ? error.message : String(error)}` };
      const step = error.step === 'reception-restricted' || error.step === 'cancelled' ? 'failed' : error.step;
      return { ok: false, step, message: error.message };
    }
  }

  async fetch(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<AddressEntry[]> {
    return withSession(endpoint, login, 'S', signal, this.options, async (session) => {
      const entries: AddressEntry[] = [];
      await eachPage(session, READ_PROPS, (rows) => {
        for (const row of rows) {
          const read = fromRicohProps(row);
          if ('entry' in read) entries.push(read.entry);
        }
      });
      return entries.sort((a, b) => a.number - b.number);
    });
  }

  async receptionRestricted(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<boolean> {
    return withSession(endpoint, login, 'X', signal, this.options, async (session) => (await session.writeProbe()) === 'restricted');
  }

  async deliver(endpoint: DeviceEndpoint, login: DeviceLogin, entries: AddressEntry[], mode: DeliveryMode, signal: AbortSignal): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { delivered: 0, overLimit: [], refused: [], removed: 0 };
    const writable: Pending[] = [];
    const seen = new Set<number>();
    for (const entry of entries) {
      if (seen.has(entry.number)) {
        outcome.refused.push({ number: entry.number, message: `number ${entry.number} is in the book more than once; only the first was delivered` });
        continue;
      }
      seen.add(entry.number);
      const mapped = toRicohProps(entry);
      if ('refused' in mapped) outcome.refused.push({ number: entry.number, message: mapped.refused });
      else writable.push({ number: entry.number, props: mapped.props });
    }
    return withSession(endpoint, login, 'X', signal, this.options, async (session) => {
      if ((await session.writeProbe()) === 'restricted') {
        throw new AdapterError('reception-restricted', `The device at ${session.where} refuses address book changes: its address book reception restriction is on. Switch it off on the device and deliver again; nothing was changed.`);
      }
      const device = await deviceRows(session);
      const byNumber = new Map(device.map((row) => [row.number, row]));
      const written = new Set<number>();
      const adds: Pending[] = [];
      for (const item of writable) {
        const existing = byNumber.get(item.number);
        if (!existing) {
          adds.push(item);
          continue;
        }
        checkCancel(signal);
        const refusal = await entryRefusal(() => session.update(existing.id, item.props));
        if (refusal === null) written.add(item.number);
        else outcome.refused.push({ number: item.number, message: refusal });
      }
      let full = await addAll(session, adds, written, outcome.refused, signal);
      // A replace that wrote nothing deletes nothing: a book no entry of which the device could
      // take must not leave it empty.
      if (mode === 'replace' && written.size > 0) {
        const stale = device.filter((row) => !written.has(row.number));
        outcome.removed = await removeAll(session, stale, outcome.refused, signal);
        // Room the deletions made goes to what did not fit before.
        if (full.length > 0 && outcome.removed > 0) full = await addAll(session, full, written, outcome.refused, signal);
      }
      outcome.overLimit = full.map((p) => p.number).sort((a, b) => a - b);
      outcome.delivered = written.size;
      outcome.refused.sort((a, b) => a.number - b.number);
      return outcome;
    });
  }
}

/** Walks the book page by page (ids, then their properties), bounded by MAX_PAGES. */
async function eachPage(session: UdirectorySession, props: readonly string[], take: (rows: Array<Map<string, string>>) => void): Promise<void> {
  let offset = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { ids, end } = await session.searchIds(offset);
    if (ids.length > 0) take(await session.getProps(ids, props));
    offset += ids.length;
    if (end) return;
    if (ids.length === 0) throw new AdapterError('failed', `The device at ${session.where} stopped listing its address book after ${offset} entries without saying it was the end.`);
  }
  throw new AdapterError('failed', `The device at ${session.where} listed more than ${MAX_PAGES} pages of entries; the read was stopped.`);
}

/** Ids and numbers of every entry on the device. */
async function deviceRows(session: UdirectorySession): Promise<DeviceRow[]> {
  const rows: DeviceRow[] = [];
  await eachPage(session, ['id', 'index'], (page) => {
    for (const row of page) {
      const number = Number(row.get('index') ?? '');
      const id = row.get('id') ?? '';
      if (id !== '' && Number.isInteger(number) && number > 0) rows.push({ id, number });
    }
  });
  return rows;
}

/**
 * Adds in calls of 50; a call the device refuses is retried entry by entry so that each
 * refusal is charged to its entry. Entries the device has no room for are returned (once it
 * says full, the rest of this round are not tried). Numbers written go into `written`.
 */
async function addAll(session: UdirectorySession, pending: Pending[], written: Set<number>, refused: DeliveryOutcome['refused'], signal: AbortSignal): Promise<Pending[]> {
  const full: Pending[] = [];
  for (let i = 0; i < pending.length; i += OBJECTS_PER_CALL) {
    const batch = pending.slice(i, i + OBJECTS_PER_CALL);
    if (full.length > 0) {
      full.push(...batch);
      continue;
    }
    checkCancel(signal);
    const refusal = await entryRefusal(() => session.add(batch.map((p) => p.props)));
    if (refusal === null) {
      for (const p of batch) written.add(p.number);
      continue;
    }
    for (const item of batch) {
      if (full.length > 0) {
        full.push(item);
        continue;
      }
      checkCancel(signal);
      const single = await entryRefusal(() => session.add([item.props]), true);
      if (single === null) written.add(item.number);
      else if (single === FULL) full.push(item);
      else refused.push({ number: item.number, message: single });
    }
  }
  return full;
}

/** Deletes device entries in calls of 50 (one by one when a call is refused); how many went. */
async function removeAll(session: UdirectorySession, stale: DeviceRow[], refused: DeliveryOutcome['refused'], signal: AbortSignal): Promise<number> {
  let removed = 0;
  for (let i = 0; i < stale.length; i += OBJECTS_PER_CALL) {
    const batch = stale.slice(i, i + OBJECTS_PER_CALL);
    checkCancel(signal);
    if ((await entryRefusal(() => session.delete(batch.map((r) => r.id)))) === null) {
      removed += batch.length;
      continue;
    }
    for (const row of batch) {
      const refusal = await entryRefusal(() => session.delete([row.id]));
      if (refusal === null) removed++;
      else refused.push({ number: row.number, message: `the device's entry ${row.number} is not in the book but could not be removed: ${refusal}` });
    }
  }
  return removed;
}

const FULL = Symbol('full');

/**
 * Runs one write: null when it went through, the device's refusal as a sentence when the
 * fault concerns the entries (or FULL for "no room", when `distinguishFull`). Faults that end
 * the job were already turned into AdapterError by the session and pass through.
 */
async function entryRefusal(write: () => Promise<unknown>, distinguishFull: true): Promise<string | typeof FULL | null>;
async function entryRefusal(write: () => Promise<unknown>): Promise<string | null>;
async function entryRefusal(write: () => Promise<unknown>, distinguishFull = false): Promise<string | typeof FULL | null> {
  try {
    await write();
    return null;
  } catch (error) {
    if (!(error instanceof UdirectoryFaultError)) throw error;
    if (distinguishFull && faultMeaning(error) === 'full') return FULL;
    return `the device refused it: ${error.description || error.code}`;
  }
}

function checkCancel(signal: AbortSignal): void {
  if (signal.aborted) throw new AdapterError('cancelled', 'Cancelled; what was written before stays on the device, and nothing was deleted after the cancel.');
}
