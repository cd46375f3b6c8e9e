import type { SettingWrite } from '../../../src-shared/profiles/device-profile.schema';
import type { ItemOutcome } from '../../../src-shared/settings/item-outcome';
import { settingItem, type SettingId, type SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { PRT_CHANNEL_STATE_COLUMN, PRT_CHANNEL_TYPE_COLUMN } from '../../../src-shared/settings/standard-settings';
import { isInSubtree } from '../../../src-shared/snmp/oid';
import { asNumber, type SnmpValue, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError, type SnmpClient, type SnmpTarget } from '../snmp/snmp-client';
import { decodeSetting, encodeSetting, sameSetting } from './setting-value-codec';

/** Error statuses that mean "this device does not let this object be written" (DEVICE-SETTINGS.md rule zero). */
const NOT_WRITABLE = new Set(['notWritable', 'noAccess', 'readOnly', 'noCreation', 'noSuchName', 'authorizationError']);

/** Where each item lives on one device, found by asking it (column rows, channel rows). */
type Located = Partial<Record<SettingId, string>>;

export interface DeliverOptions {
  signal?: AbortSignal;
}

/**
 * Writes settings items to one device over SNMP and proves them (DEVICE-SETTINGS.md): finds where
 * each item lives on this device, reads the current values (an item already holding the value is
 * not written), SETs the rest in one PDU — an item the device refuses is taken out by the reply's
 * error-index and the rest is sent again — then reads every written item back. Address changes
 * ("volatile" items) go last in their own SET and are proved by finding the device again, which
 * is the caller's job. Never throws for a device's answer: every item gets an outcome.
 */
export class DeviceWriter {
  constructor(private readonly snmp: SnmpClient) {}

  /** Current values of the items (acquisition): 'read' with the value, or why there is none. */
  async read(target: SnmpTarget, plan: Partial<Record<SettingId, SettingWrite>>, items: readonly SettingId[]): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = [];
    const supported = items.filter((id) => plan[id] !== undefined);
    for (const id of items) if (plan[id] === undefined) outcomes.push(unsupported(id));
    let located: Located;
    try {
      located = await this.locate(target, plan, supported, outcomes);
    } catch (error) {
      return [...outcomes, ...supported.map((id) => notReached(id, error))];
    }
    const ids = supported.filter((id) => located[id] !== undefined);
    if (ids.length === 0) return outcomes;
    try {
      const values = await this.getValues(target, ids.map((id) => located[id] ?? ''));
      ids.forEach((id, i) => {
        const write = plan[id];
        const value = write ? decodeSetting(settingItem(id), write, values[i]) : null;
        outcomes.push(value === null ? { item: id, outcome: 'unsupported', message: 'the device has no value for it', value: null } : { item: id, outcome: 'read', message: 'read', value });
      });
    } catch (error) {
      outcomes.push(...ids.map((id) => notReached(id, error)));
    }
    return order(outcomes, items);
  }

  /** Writes the values and reads them back; one outcome per item, in the order given. */
  async deliver(target: SnmpTarget, plan: Partial<Record<SettingId, SettingWrite>>, values: Partial<Record<SettingId, SettingValue>>, options: DeliverOptions = {}): Promise<ItemOutcome[]> {
    const items = Object.keys(values) as SettingId[];
    const outcomes: ItemOutcome[] = [];
    const supported = items.filter((id) => {
      if (plan[id] !== undefined) return true;
      outcomes.push(unsupported(id));
      return false;
    });
    let located: Located;
    try {
      located = await this.locate(target, plan, supported, outcomes);
    } catch (error) {
      return order([...outcomes, ...supported.map((id) => notReached(id, error))], items);
    }
    // Encode first: a value this model cannot take is refused without sending anything.
    const pending: { id: SettingId; oid: string; value: SnmpValue; wanted: SettingValue; write: SettingWrite }[] = [];
    for (const id of supported) {
      const oid = located[id];
      const write = plan[id];
      const wanted = values[id];
      if (oid === undefined || write === undefined || wanted === undefined) continue;
      const encoded = encodeSetting(settingItem(id), write, wanted);
      if (!encoded.ok) outcomes.push({ item: id, outcome: 'refused', message: encoded.reason, value: null });
      else pending.push({ id, oid, value: encoded.value, wanted, write });
    }
    if (pending.length === 0 || options.signal?.aborted) return order(outcomes, items);

    // What the device holds now: an item already set is not written again.
    let current: SnmpValue[];
    try {
      current = await this.getValues(target, pending.map((p) => p.oid));
    } catch (error) {
      return order([...outcomes, ...pending.map((p) => notReached(p.id, error))], items);
    }
    const toWrite = pending.filter((p, i) => {
      const now = decodeSetting(settingItem(p.id), p.write, current[i]);
      if (!sameSetting(now, p.wanted)) return true;
      outcomes.push({ item: p.id, outcome: 'already-set', message: 'already set', value: now });
      return false;
    });
    const steady = toWrite.filter((p) => !settingItem(p.id).volatile);
    const volatile = toWrite.filter((p) => settingItem(p.id).volatile);

    const written = await this.setAll(target, steady, outcomes);
    if (written.length > 0) {
      try {
        const back = await this.getValues(target, written.map((p) => p.oid));
        written.forEach((p, i) => {
          const value = decodeSetting(settingItem(p.id), p.write, back[i]);
          outcomes.push(
            sameSetting(value, p.wanted)
              ? { item: p.id, outcome: 'delivered', message: 'delivered and read back', value }
              : { item: p.id, outcome: 'not-verified', message: `written, but the device reads back ${value === null ? 'nothing' : JSON.stringify(value)}`, value },
          );
        });
      } catch (error) {
        outcomes.push(...written.map((p) => ({ item: p.id, outcome: 'not-verified' as const, message: `written, but the read-back got no answer (${describe(error)})`, value: null })));
      }
    }
    // Address changes last: after them the device may answer elsewhere.
    if (volatile.length > 0 && !options.signal?.aborted) {
      const moved = await this.setAll(target, volatile, outcomes);
      for (const p of moved) outcomes.push({ item: p.id, outcome: 'delivered', message: 'written; the device is looked for at its new address', value: p.wanted });
    }
    return order(outcomes, items);
  }

  /** prtGeneralReset (or the profile's object) written with `value`: the device restarts. Throws SnmpError when the SET fails. */
  async resetDevice(target: SnmpTarget, resetColumn: string, value: number): Promise<void> {
    const oid = await this.firstRow(target, resetColumn);
    if (oid === null) throw new SnmpError('snmp-error-status', 'the device has no prtGeneralReset object', { errorStatus: 'noSuchObject' });
    await this.snmp.set(target, [{ oid, value: { type: 'Integer', value } }]);
  }

  /** SETs the items (with their companion varbinds), dropping each refused one and sending the rest again; returns those the device took. */
  private async setAll<P extends { id: SettingId; oid: string; value: SnmpValue; write: SettingWrite }>(target: SnmpTarget, items: readonly P[], outcomes: ItemOutcome[]): Promise<P[]> {
    let remaining = [...items];
    for (let attempt = 0; remaining.length > 0 && attempt <= items.length; attempt++) {
      const varbinds: VarBind[] = [];
      const owner: P[] = [];
      for (const p of remaining) {
        for (const extra of p.write.with ?? []) {
          varbinds.push({ oid: extra.oid, value: { type: 'Integer', value: extra.integer } });
          owner.push(p);
        }
        varbinds.push({ oid: p.oid, value: p.value });
        owner.push(p);
      }
      try {
        await this.snmp.set(target, varbinds);
        return remaining;
      } catch (error) {
        const status = error instanceof SnmpError && error.code === 'snmp-error-status' ? error.detail?.errorStatus : undefined;
        const index = error instanceof SnmpError ? (error.detail?.errorIndex ?? 0) : 0;
        const culprit = status !== undefined && index > 0 ? owner[index - 1] : undefined;
        if (!culprit) {
          // No answer, or an error that names no varbind: nothing of this SET is known to be in place.
          outcomes.push(...remaining.map((p) => (status ? { item: p.id, outcome: 'refused' as const, message: `the device answered ${status}`, value: null } : notReached(p.id, error))));
          return [];
        }
        outcomes.push(
          NOT_WRITABLE.has(status ?? '')
            ? { item: culprit.id, outcome: 'unsupported', message: `the device does not let it be written (${status})`, value: null }
            : { item: culprit.id, outcome: 'refused', message: `the device refused the value (${status})`, value: null },
        );
        remaining = remaining.filter((p) => p !== culprit);
      }
    }
    return remaining;
  }

  /** Instance OIDs of the items on this device; items whose row does not exist get 'unsupported'. Throws SnmpError when the device does not answer. */
  private async locate(target: SnmpTarget, plan: Partial<Record<SettingId, SettingWrite>>, items: readonly SettingId[], outcomes: ItemOutcome[]): Promise<Located> {
    const located: Located = {};
    let channels: VarBind[] | null = null;
    for (const id of items) {
      const write = plan[id];
      if (!write) continue;
      if (write.oid !== undefined) located[id] = write.oid;
      else if (write.column !== undefined) {
        const oid = await this.firstRow(target, write.column);
        if (oid === null) outcomes.push({ item: id, outcome: 'unsupported', message: 'the device has no such object', value: null });
        else located[id] = oid;
      } else if (write.channelType !== undefined) {
        channels ??= await this.snmp.walk(target, PRT_CHANNEL_TYPE_COLUMN, { maxVarbinds: 256 });
        const row = channels.find((vb) => asNumber(vb.value) === write.channelType);
        if (!row) outcomes.push({ item: id, outcome: 'unsupported', message: `the device has no channel of type ${write.channelType}`, value: null });
        else located[id] = `${PRT_CHANNEL_STATE_COLUMN}${row.oid.slice(PRT_CHANNEL_TYPE_COLUMN.length)}`;
      }
    }
    return located;
  }

  private async firstRow(target: SnmpTarget, column: string): Promise<string | null> {
    const [next] = await this.snmp.getNext(target, [column]);
    return next && next.value.value !== null && isInSubtree(next.oid, column) ? next.oid : null;
  }

  private async getValues(target: SnmpTarget, oids: readonly string[]): Promise<SnmpValue[]> {
    const varbinds = await this.snmp.get(target, oids);
    return oids.map((oid) => varbinds.find((vb) => vb.oid === oid)?.value ?? { type: 'NoSuchObject', value: null });
  }
}

function unsupported(id: SettingId): ItemOutcome {
  return { item: id, outcome: 'unsupported', message: 'this model has no way to write it (device profile)', value: null };
}

function notReached(id: SettingId, error: unknown): ItemOutcome {
  return { item: id, outcome: 'not-reached', message: describe(error), value: null };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Outcomes in the order the items were asked for. */
function order(outcomes: readonly ItemOutcome[], items: readonly SettingId[]): ItemOutcome[] {
  return [...outcomes].sort((a, b) => items.indexOf(a.item as SettingId) - items.indexOf(b.item as SettingId));
}
