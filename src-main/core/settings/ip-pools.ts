import { excludeAddresses, expandAddresses, parseAddressSpec, countAddresses, type AddressSpec } from '../../../src-shared/net/address-targets';
import type { IpPool } from '../../../src-shared/contract/settings.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { StoreError } from '../store/store-error';
import type { SettingsRepository, StoredPool } from '../store/settings.repository';
import type { AddressProbe } from './address-probe';

/** Candidates tried per allocation before a pool counts as dry (each may cost a probe). */
const MAX_PROBES = 64;

/**
 * IP address pools (whitepaper §3.2.1): named ranges and lists with exclusions. An address is
 * handed out only when it is no managed device's, was not handed out before, and nothing answers
 * on it now; it is then remembered as used. A dry pool fails only the device it could not serve.
 */
export class IpPools {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly probe: AddressProbe,
    private readonly now: () => number,
  ) {}

  list(): IpPool[] {
    return this.repository.listPools().map(toPool);
  }

  create(fields: { name: string; ranges: string; exclusions: string }): IpPool {
    checkSpecs(fields.ranges, 'ranges');
    checkSpecs(fields.exclusions, 'exclusions');
    const id = conflicts(() => this.repository.insertPool({ ...fields, at: this.now() }));
    return this.get(id);
  }

  update(id: number, changes: { name?: string; ranges?: string; exclusions?: string }): IpPool {
    const current = this.repository.getPool(id);
    if (!current) throw new AppError('not-found', `There is no IP address pool ${id}.`);
    const next = { name: changes.name ?? current.name, ranges: changes.ranges ?? current.ranges, exclusions: changes.exclusions ?? current.exclusions };
    checkSpecs(next.ranges, 'ranges');
    checkSpecs(next.exclusions, 'exclusions');
    conflicts(() => this.repository.updatePool(id, { ...next, at: this.now() }));
    return this.get(id);
  }

  remove(id: number): void {
    this.repository.removePool(id);
  }

  get(id: number): IpPool {
    const pool = this.repository.getPool(id);
    if (!pool) throw new AppError('not-found', `There is no IP address pool ${id}.`);
    return toPool(pool);
  }

  /** An address for a device, claimed; or why there is none (unknown pool, dry). Never throws for a dry pool. */
  async allocate(poolId: number, deviceId: number, signal?: AbortSignal): Promise<{ ok: true; address: string } | { ok: false; reason: string }> {
    const pool = this.repository.getPool(poolId);
    if (!pool) return { ok: false, reason: `IP address pool ${poolId} no longer exists` };
    const managed = this.repository.managedAddresses();
    const used = this.repository.usedAddresses(poolId);
    let probed = 0;
    let answering = 0;
    for (const address of expandAddresses(available(pool))) {
      if (signal?.aborted || probed >= MAX_PROBES) break;
      if (managed.has(address) || used.has(address)) continue;
      probed++;
      if (await this.probe.answers(address)) {
        answering++;
        continue;
      }
      if (this.repository.claim(poolId, address, deviceId, this.now())) return { ok: true, address };
    }
    return { ok: false, reason: `IP address pool "${pool.name}" has no free address (${used.size} handed out, ${answering} answering on the network${probed >= MAX_PROBES ? `, stopped after ${MAX_PROBES} tries` : ''})` };
  }
}

function available(pool: StoredPool): AddressSpec[] {
  const ranges = parseAddressSpec(pool.ranges).filter((s) => s.kind === 'ipv4');
  return excludeAddresses(ranges, parseAddressSpec(pool.exclusions).filter((s) => s.kind === 'ipv4'));
}

function toPool(pool: StoredPool): IpPool {
  let size: number;
  try {
    size = countAddresses(available(pool));
  } catch {
    // A pool saved by an older version whose text no longer parses offers nothing.
    size = 0;
  }
  return { id: pool.id, name: pool.name, ranges: pool.ranges, exclusions: pool.exclusions, size, used: pool.used };
}

function checkSpecs(text: string, field: string): void {
  let specs: AddressSpec[];
  try {
    specs = parseAddressSpec(text);
  } catch (error) {
    throw new AppError('invalid-argument', `${field}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const other = specs.find((s) => s.kind !== 'ipv4');
  if (other) throw new AppError('invalid-argument', `${field}: "${other.text}" is not an IPv4 address, range or network`);
}

function conflicts<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreError && error.code === 'store-conflict') throw new AppError('conflict', `The pool name ${error.message.replace(/^the name /, '')}.`);
    throw error;
  }
}
