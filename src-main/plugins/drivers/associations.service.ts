import { associationInputSchema, queueUri, type Association, type AssociationProposal, type IppCheck } from '../../../src-shared/plugins/drivers/association';
import type { AssociationsContract } from '../../../src-shared/plugins/drivers/associations.contract';
import type { DriverSet } from '../../../src-shared/plugins/drivers/driver-set';
import { ASSOCIATIONS_FUNCTION } from '../../../src-shared/plugins/drivers/drivers-ids';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { PluginDevice, PluginHost } from '../../plugin-api/plugin-host';
import { checkIppEverywhere, printerUri } from './ipp/ipp-check';
import type { AssociationsRepository, StoredAssociation } from './store/associations.repository';
import type { SetsRepository } from './store/sets.repository';
import { DriversConflict } from './store/stores.repository';

type AssociationsImpl = ServiceImpl<AssociationsContract>;

/** Printers asked at the same time by one check. */
const CHECK_CONCURRENCY = 8;

/** Associations of driver sets with devices, and the IPP Everywhere check that puts driverless first. */
export class AssociationsService implements AssociationsImpl {
  constructor(
    private readonly host: PluginHost,
    private readonly associations: AssociationsRepository,
    private readonly sets: SetsRepository,
  ) {}

  list: AssociationsImpl['list'] = ({ deviceId }) => ({ associations: this.views(this.associations.list(deviceId)) });

  save: AssociationsImpl['save'] = ({ id, association }, context) => {
    if (id !== undefined && !this.associations.get(id)) throw new AppError('not-found', `no association ${id}`);
    const settings = associationInputSchema.parse(association);
    if (this.host.devices([settings.deviceId]).devices.length === 0) throw new AppError('invalid-argument', `association.deviceId: no device ${settings.deviceId}`, { field: 'association.deviceId' });
    const set = this.sets.get(settings.setId);
    if (!set) throw new AppError('invalid-argument', `association.setId: no driver set ${settings.setId}`, { field: 'association.setId' });
    if (set.kind === 'driverless' && settings.protocol !== 'ipp' && settings.protocol !== 'ipps') {
      throw new AppError('invalid-argument', `association.protocol: the driverless set "${set.name}" prints over IPP (IPP Everywhere, the Windows IPP class driver) — choose ipp or ipps, not ${settings.protocol}`, { field: 'association.protocol' });
    }
    try {
      const saved = this.associations.save(id ?? null, settings, context.caller?.userName ?? null, this.host.now());
      this.host.emitData('associations', ASSOCIATIONS_FUNCTION, [saved]);
      const [view] = this.views(this.associations.list().filter((a) => a.id === saved));
      if (!view) throw new AppError('internal', 'the association was not saved');
      return view;
    } catch (error) {
      if (error instanceof DriversConflict) throw new AppError('conflict', error.message);
      throw error;
    }
  };

  remove: AssociationsImpl['remove'] = ({ id }) => {
    this.associations.remove(id);
    this.host.emitData('associations', ASSOCIATIONS_FUNCTION, [id]);
    return {};
  };

  checkIpp: AssociationsImpl['checkIpp'] = async ({ deviceIds, port, resource, tls }) => {
    const { devices, missing } = this.host.devices(deviceIds);
    if (missing.length > 0) throw new AppError('not-found', `no device ${missing.join(', ')}`);
    const checks: IppCheck[] = [];
    const queue = [...devices];
    const worker = async (): Promise<void> => {
      for (let device = queue.shift(); device !== undefined; device = queue.shift()) {
        const result = await checkIppEverywhere(printerUri(device.address, port, resource, tls), { requestId: device.id });
        const check: IppCheck = { deviceId: device.id, checkedAt: this.host.now(), ...result };
        this.associations.saveCheck(check);
        checks.push(check);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, devices.length) }, worker));
    this.host.emitData('ippChecks', ASSOCIATIONS_FUNCTION, devices.map((d) => d.id));
    return { checks: checks.sort((a, b) => a.deviceId - b.deviceId) };
  };

  checks: AssociationsImpl['checks'] = ({ deviceIds }) => ({ checks: this.associations.checks(deviceIds) });

  driverlessReady: AssociationsImpl['driverlessReady'] = () => ({ devices: Object.fromEntries(this.associations.checks().map((c) => [String(c.deviceId), { ready: c.ready, checkedAt: c.checkedAt }])) });

  propose: AssociationsImpl['propose'] = ({ deviceId }) => {
    const [device] = this.host.devices([deviceId]).devices;
    if (!device) throw new AppError('not-found', `no device ${deviceId}`);
    const check = this.associations.checks([deviceId])[0] ?? null;
    return { proposals: proposalsFor(device, check, this.sets.list()), check };
  };

  private views(list: readonly StoredAssociation[]): Association[] {
    const { devices } = this.host.devices([...new Set(list.map((a) => a.deviceId))]);
    const byId = new Map(devices.map((d) => [d.id, d]));
    return list.map((a) => {
      const device = byId.get(a.deviceId);
      const set = this.sets.get(a.setId);
      return {
        ...a,
        device: device ? { label: device.label, address: device.address, model: device.model } : null,
        set: set ? { name: set.name, os: set.os, kind: set.kind } : null,
        uri: device ? queueUri(device.address, a) : null,
      };
    });
  }
}

/** A queue name from a device's label ("Floor 3 / Colour" → "Floor-3-Colour"). */
export function queueNameFor(label: string): string {
  const name = label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-._]+|-+$/g, '').slice(0, 100);
  return name || 'Printer';
}

/**
 * What to associate with a device: driverless sets first when its last check found it IPP
 * Everywhere ready; then sets whose driver or models name the device's model (over IPP when
 * ready, else raw 9100); driverless sets last when the device is not (known to be) ready.
 */
export function proposalsFor(device: Pick<PluginDevice, 'label' | 'model'>, check: IppCheck | null, sets: readonly DriverSet[]): AssociationProposal[] {
  const queueName = queueNameFor(device.label);
  const ippProtocol = check?.uri.startsWith('ipps:') ? 'ipps' : 'ipp';
  const driverless = sets.filter((s) => s.kind === 'driverless');
  const model = (device.model ?? check?.makeAndModel ?? '').toLowerCase();
  const matching = model === '' ? [] : sets.filter((s) => s.kind !== 'driverless' && [s.driverName, ...s.models].some((m) => m !== '' && (m.toLowerCase().includes(model) || model.includes(m.toLowerCase()))));
  const proposal = (set: DriverSet, protocol: AssociationProposal['protocol'], reason: string): AssociationProposal => ({ setId: set.id, setName: set.name, os: set.os, kind: set.kind, protocol, queueName, reason });
  const vendor = matching.map((s) => proposal(s, check?.ready ? ippProtocol : 'raw', `its driver "${s.driverName}" names the model ${device.model ?? check?.makeAndModel ?? ''}`));
  if (check?.ready) return [...driverless.map((s) => proposal(s, ippProtocol, 'IPP Everywhere ready: no driver to install (driverless IPP)')), ...vendor];
  const why = check === null ? 'not checked for IPP Everywhere yet' : (check.reason ?? 'not IPP Everywhere ready');
  return [...vendor, ...driverless.map((s) => proposal(s, 'ipp', `driverless, but the device is ${why}`))];
}
