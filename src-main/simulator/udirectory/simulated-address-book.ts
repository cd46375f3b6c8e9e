import { performance } from 'node:perf_hooks';
import { checkSeedEntry, MAX_ENTRY_LIMIT, normalizeAddressBookOptions, type SimAddressBookHandle, type SimAddressBookOptions, type SimBookEntry, type SimUdirectoryFaults, type SimUdirectoryStats } from './address-book-options';
import { simulatorCertificate, startUdirectoryServers, type TlsCredentials, type UdirectoryServers } from './udirectory-server';
import { UdirectoryService } from './udirectory-service';

/** Where a simulator serves its devices' web services (SimulatorOptions.webPort / webTlsPort). */
export interface WebPlacement {
  /** HTTP port, or null: none. */
  httpPort: number | null;
  /** HTTPS port, or null: none. */
  httpsPort: number | null;
}

/** One device's book, its udirectory service and its HTTP/HTTPS servers. */
export class SimulatedAddressBook implements SimAddressBookHandle {
  private constructor(
    readonly address: string,
    private readonly service: UdirectoryService,
    private readonly servers: UdirectoryServers,
    readonly certificate: string | null,
  ) {}

  /**
   * Starts the book of a device at `address`; rejects with RangeError for bad options (naming
   * `name`) or with the bind error of a port in use.
   */
  static async start(name: string, options: SimAddressBookOptions, address: string, place: WebPlacement, tls: TlsCredentials | null, now: () => number = () => performance.now()): Promise<SimulatedAddressBook> {
    const service = new UdirectoryService(normalizeAddressBookOptions(options, `${name}: addressBook`), now);
    const servers = await startUdirectoryServers(service, address, place.httpPort, place.httpsPort, tls);
    return new SimulatedAddressBook(address, service, servers, place.httpsPort === null ? null : (tls?.cert ?? null));
  }

  get httpPort(): number | null {
    return this.servers.httpPort;
  }

  get httpsPort(): number | null {
    return this.servers.httpsPort;
  }

  entries(): SimBookEntry[] {
    return this.service.book.snapshot();
  }

  replaceEntries(entries: Array<Record<string, string>>): void {
    const checked = entries.map((entry, i) => checkSeedEntry(entry, `entries[${i}]`));
    if (checked.length > this.service.book.entryLimit) throw new RangeError(`${checked.length} entries are more than the entry limit ${this.service.book.entryLimit}`);
    const numbers = new Set(checked.map((e) => e.index));
    if (numbers.size !== checked.length) throw new RangeError('an index is given twice');
    this.service.book.replace(checked);
  }

  get entryLimit(): number {
    return this.service.book.entryLimit;
  }

  set entryLimit(limit: number) {
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_ENTRY_LIMIT) throw new RangeError(`entryLimit must be 0..${MAX_ENTRY_LIMIT}, got ${limit}`);
    this.service.book.entryLimit = limit;
  }

  get receptionRestricted(): boolean {
    return this.service.receptionRestricted;
  }

  set receptionRestricted(on: boolean) {
    this.service.receptionRestricted = on;
  }

  setAdmin(user: string, password: string): void {
    this.service.setAdmin(user, password);
  }

  get openSessions(): number {
    return this.service.sessions.open;
  }

  setFaults(faults: SimUdirectoryFaults): void {
    if (faults.delayMs !== undefined && !(Number.isFinite(faults.delayMs) && faults.delayMs >= 0 && faults.delayMs <= 30_000)) throw new RangeError('delayMs must be 0..30000');
    if (faults.failWritesAfter !== undefined && !(Number.isInteger(faults.failWritesAfter) && faults.failWritesAfter >= 0)) throw new RangeError('failWritesAfter must be a whole number ≥ 0');
    this.service.setFaults(faults);
  }

  stats(): SimUdirectoryStats {
    return this.service.stats();
  }

  close(): Promise<void> {
    return this.servers.close();
  }
}

/**
 * Starts the books of the devices that have one, when `place` serves anything: one
 * certificate for all (made only when HTTPS is asked for). Ports: as given for every device
 * (each has its own address), or consecutive per device index when all share one address.
 * Rejects after closing what started.
 */
export async function startAddressBooks(
  devices: ReadonlyArray<{ name: string; address: string; addressBook?: SimAddressBookOptions | undefined }>,
  place: WebPlacement,
  portPerDevice: boolean,
): Promise<Array<SimulatedAddressBook | null>> {
  if ((place.httpPort === null && place.httpsPort === null) || !devices.some((d) => d.addressBook)) return devices.map(() => null);
  const tls = place.httpsPort === null ? null : await simulatorCertificate();
  const books: Array<SimulatedAddressBook | null> = [];
  const shift = (port: number | null, i: number): number | null => {
    if (port === null || port === 0 || !portPerDevice) return port;
    if (port + i > 65_535) throw new RangeError(`web port ${port} + device ${i} is beyond 65535`);
    return port + i;
  };
  try {
    for (const [i, device] of devices.entries()) {
      books.push(device.addressBook ? await SimulatedAddressBook.start(device.name, device.addressBook, device.address, { httpPort: shift(place.httpPort, i), httpsPort: shift(place.httpsPort, i) }, tls) : null);
    }
  } catch (error) {
    await Promise.all(books.map((b) => b?.close()));
    throw error;
  }
  return books;
}
