import { emptyIdentity } from '../../../src-shared/domain/device-reading';
import { appContract, type AppEvents, type AppImpl } from '../../../src-shared/contract/app.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { AppError } from '../../../src-shared/rpc/app-error';
import { createEventHub, type EventHub } from '../../../src-shared/rpc/event-hub';

/**
 * An AppImpl whose every method fails with 'unsupported' except those given: enough for a real
 * router in shell tests without a core.
 */
export function stubAppImpl(overrides: { [S in keyof AppImpl]?: Partial<AppImpl[S]> } = {}): AppImpl {
  const impl: Record<string, Record<string, unknown>> = {};
  for (const [service, methods] of Object.entries(appContract)) {
    const given: Record<string, unknown> = (overrides as Record<string, Record<string, unknown> | undefined>)[service] ?? {};
    impl[service] = Object.fromEntries(
      Object.keys(methods).map((name) => [
        name,
        given[name] ??
          (() => {
            throw new AppError('unsupported', `${service}.${name} is not stubbed`);
          }),
      ]),
    );
  }
  return impl as unknown as AppImpl;
}

export function anEventHub(): EventHub<AppEvents> {
  return createEventHub<AppEvents>((error) => {
    throw error;
  });
}

let nextId = 1;

/** A device list row; `state` as the list reports it (read successfully, no error). */
export function aDevice(fields: Partial<DeviceSummary> = {}): DeviceSummary {
  const id = fields.id ?? nextId++;
  return {
    id,
    name: `printer-${id}`,
    address: `127.51.0.${id}`,
    port: 161,
    source: 'added',
    identity: emptyIdentity(),
    state: 'ok',
    message: 'Ready',
    conditions: [],
    supplies: [],
    totalPages: null,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_060_000,
    lastAttempt: 1_700_000_060_000,
    lastError: null,
    profileId: null,
    missedPolls: 0,
    missingSince: null,
    ...fields,
  };
}
