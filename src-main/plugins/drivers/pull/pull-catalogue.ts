import { z } from 'zod';
import type { QueueDefaults, QueueProtocol } from '../../../../src-shared/plugins/drivers/association';
import { DRIVER_KINDS, type DriverKind, type DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';
import type { PluginHost } from '../../../plugin-api/plugin-host';
import { queueTarget, type AssociationColumns } from '../store/association-queue';

/** One association as the pull page offers it. */
export interface PullEntry {
  id: number;
  name: string;
  queueName: string;
  /** The association's location, else the device's (sysLocation), else "". */
  location: string;
  model: string;
  deviceLabel: string;
  host: string;
  uri: string;
  protocol: QueueProtocol;
  port: number;
  resource: string;
  defaults: QueueDefaults;
  setId: number;
  setName: string;
  kind: DriverKind;
  /** The systems its one-click install serves: driverless everywhere, a PPD on CUPS, an INF package on Windows. */
  systems: readonly DriverOs[];
}

interface Row extends AssociationColumns {
  set_id: number;
  set_name: string;
  kind: string;
}

const SYSTEMS: Readonly<Record<DriverKind, readonly DriverOs[]>> = { driverless: ['windows', 'macos', 'linux'], ppd: ['linux', 'macos'], inf: ['windows'] };
/** How long a read list serves (the page is opened by many people at once; associations change seldom). */
const FRESH_MS = 5_000;

/**
 * The associations the pull page lists, with each device's address, model and location read
 * through the host. Kept for a few seconds: 200 people opening the page at once cost one read of
 * the associations and one of their devices, not 200, so the console's polling is not stalled.
 */
export class PullCatalogue {
  private cached: { at: number; entries: PullEntry[] } | null = null;

  constructor(private readonly host: PluginHost) {}

  entries(): PullEntry[] {
    const now = this.host.now();
    if (this.cached !== null && now - this.cached.at < FRESH_MS && now >= this.cached.at) return this.cached.entries;
    const entries = this.read();
    this.cached = { at: now, entries };
    return entries;
  }

  get(id: number): PullEntry | null {
    return this.entries().find((e) => e.id === id) ?? null;
  }

  private read(): PullEntry[] {
    const rows = this.host.db
      .prepare<[], Row>(
        `SELECT a.id, a.name, a.device_id, a.queue_name, a.protocol, a.port, a.resource, a.defaults, a.location, a.set_id, s.name AS set_name, s.kind
           FROM drivers_associations a JOIN drivers_sets s ON s.id = a.set_id ORDER BY a.name COLLATE NOCASE`,
      )
      .all();
    const { devices } = this.host.devices([...new Set(rows.map((r) => r.device_id))]);
    const byId = new Map(devices.map((d) => [d.id, d]));
    return rows.flatMap((row): PullEntry[] => {
      const device = byId.get(row.device_id);
      if (!device) return [];
      const kind = z.enum(DRIVER_KINDS).parse(row.kind);
      return [
        {
          id: row.id,
          name: row.name,
          queueName: row.queue_name,
          location: row.location || device.location || '',
          model: device.model ?? '',
          deviceLabel: device.label,
          ...queueTarget(row, device.address),
          setId: row.set_id,
          setName: row.set_name,
          kind,
          systems: SYSTEMS[kind],
        },
      ];
    });
  }
}

/** The entries whose name, location, model, device or queue holds every word of `query` (case-insensitive). */
export function searchEntries(entries: readonly PullEntry[], query: string): PullEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = [entry.name, entry.location, entry.model, entry.deviceLabel, entry.queueName].join('\n').toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
