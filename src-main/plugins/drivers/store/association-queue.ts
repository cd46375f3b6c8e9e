import { z } from 'zod';
import { defaultProtocolPort, queueDefaultsSchema, queueUri, QUEUE_PROTOCOLS, type QueueDefaults, type QueueProtocol } from '../../../../src-shared/plugins/drivers/association';

/** The columns of drivers_associations that describe a queue, as SQLite returns them. */
export interface AssociationColumns {
  id: number;
  name: string;
  device_id: number;
  queue_name: string;
  protocol: string;
  port: number | null;
  resource: string;
  defaults: string;
  location: string;
}

/** Where an association's queue prints: its URI on the device's address now, the protocol, the port (the protocol's own when none is set), the resource and the defaults. */
export interface QueueTarget {
  uri: string;
  protocol: QueueProtocol;
  host: string;
  port: number;
  resource: string;
  defaults: QueueDefaults;
}

/** The queue target of a stored association on a device's current address; throws (zod) when a stored column no longer parses. */
export function queueTarget(row: AssociationColumns, address: string): QueueTarget {
  const protocol = z.enum(QUEUE_PROTOCOLS).parse(row.protocol);
  return {
    uri: queueUri(address, { protocol, port: row.port, resource: row.resource }),
    protocol,
    host: address,
    port: row.port ?? defaultProtocolPort(protocol),
    resource: row.resource,
    defaults: queueDefaultsSchema.parse(JSON.parse(row.defaults)),
  };
}
