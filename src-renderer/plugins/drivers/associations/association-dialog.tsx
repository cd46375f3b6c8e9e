import { Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { COLOR_MODES, DUPLEX_MODES, PAPER_SIZES, QUEUE_PROTOCOLS, type AssociationProposal, type IppCheck, type PaperSize, type QueueProtocol } from '../../../../src-shared/plugins/drivers/association';
import { useServerData } from '../../../api/server-data';
import { deviceAddress, deviceName } from '../../../ui/device-text';
import { DialogFooter } from '../../../ui/dialog-footer';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useDriversApi, type AssociationRow, type DriverSetRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { IppCheckView } from './ipp-check-view';

type ColorMode = (typeof COLOR_MODES)[number];
type DuplexMode = (typeof DUPLEX_MODES)[number];

interface Draft {
  name: string;
  deviceId: number | null;
  setId: number | null;
  queueName: string;
  protocol: QueueProtocol;
  port: number | null;
  resource: string;
  location: string;
  color: ColorMode;
  duplex: DuplexMode;
  paperSize: PaperSize | null;
}

function draftOf(a: AssociationRow | null): Draft {
  return {
    name: a?.name ?? '',
    deviceId: a?.deviceId ?? null,
    setId: a?.setId ?? null,
    queueName: a?.queueName ?? '',
    protocol: a?.protocol ?? 'ipp',
    port: a?.port ?? null,
    resource: a?.resource ?? '',
    location: a?.location ?? '',
    // Black and white unless chosen otherwise (whitepaper §3.5, case 3).
    color: a?.defaults.color ?? 'monochrome',
    duplex: a?.defaults.duplex ?? 'one-sided',
    paperSize: a?.defaults.paperSize ?? null,
  };
}

/** Options shown at once: a fleet of thousands is searched by typing. */
const OPTION_LIMIT = 100;

/** Adds or edits an association: the device (with its IPP Everywhere check and the sets proposed for it), the set, the queue, its protocol and defaults. */
export function AssociationDialog({ association, sets, readOnly, onClose }: { association: AssociationRow | null; sets: readonly DriverSetRow[]; readOnly: boolean; onClose(): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const notify = useNoticeStore((s) => s.notify);
  const { devices } = useServerData();
  const [draft, setDraft] = useState<Draft>(() => draftOf(association));
  const [ippPort, setIppPort] = useState<number>(631);
  const [check, setCheck] = useState<{ check: IppCheck | null; proposals: AssociationProposal[] } | null>(null);
  const { busy, error, setError, run } = useAsyncAction<'save' | 'check'>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const deviceOptions = useMemo(() => (devices ?? []).map((d) => ({ value: String(d.id), label: `${deviceName(d) || deviceAddress(d)} (${deviceAddress(d)})` })), [devices]);

  const deviceId = draft.deviceId;
  useEffect(() => {
    if (deviceId === null) return setCheck(null);
    let live = true;
    api.associations.propose({ deviceId }).then(
      (proposed) => live && setCheck(proposed),
      (caught: unknown) => live && setError(errorMessage(caught)),
    );
    return () => {
      live = false;
    };
  }, [api, deviceId]);

  const checkIpp = async (): Promise<void> => {
    if (deviceId === null) return;
    await run('check', async () => {
      await api.associations.checkIpp({ deviceIds: [deviceId], port: ippPort });
      setCheck(await api.associations.propose({ deviceId }));
    });
  };
  const use = (p: AssociationProposal): void => {
    const device = devices?.find((d) => d.id === deviceId);
    const checkedPort = check?.check?.uri ? Number(/:(\d+)\//.exec(check.check.uri)?.[1] ?? '') || null : null;
    setDraft((d) => ({
      ...d,
      setId: p.setId,
      protocol: p.protocol,
      queueName: d.queueName || p.queueName,
      name: d.name || (device ? deviceName(device) || deviceAddress(device) : p.queueName),
      port: p.protocol === 'ipp' || p.protocol === 'ipps' ? (checkedPort !== 631 ? checkedPort : null) : d.port,
      resource: d.resource || (p.protocol === 'ipp' || p.protocol === 'ipps' ? 'ipp/print' : ''),
    }));
  };
  const save = async (): Promise<void> => {
    const { deviceId: chosenDevice, setId } = draft;
    if (chosenDevice === null || setId === null) return setError(`${tp('associations.device')} / ${tp('associations.set')}`);
    await run('save', async () => {
      const input = { name: draft.name, deviceId: chosenDevice, setId, queueName: draft.queueName, protocol: draft.protocol, port: draft.port, resource: draft.resource, location: draft.location, defaults: { color: draft.color, duplex: draft.duplex, paperSize: draft.paperSize } };
      const saved = await api.associations.save(association === null ? { association: input } : { id: association.id, association: input });
      notify('success', tp('tabs.associations'), tp('associations.saved', { name: saved.name }));
      onClose();
    });
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={association === null ? tp('associations.dialogAdd') : tp('associations.dialogEdit', { name: association.name })}>
      <Stack gap="sm" data-testid="association-dialog">
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <Select
            label={tp('associations.device')}
            placeholder={tp('associations.devicePick')}
            data={deviceOptions}
            value={deviceId === null ? null : String(deviceId)}
            onChange={(v) => set('deviceId', v === null ? null : Number(v))}
            searchable
            limit={OPTION_LIMIT}
            disabled={readOnly}
            style={{ flex: 1 }}
            data-testid="association-device"
          />
          <NumberInput label={tp('associations.ippPort')} value={ippPort} onChange={(v) => setIppPort(typeof v === 'number' ? v : 631)} min={1} max={65535} allowDecimal={false} w={110} disabled={readOnly} data-testid="association-ipp-port" />
          <Button variant="light" onClick={() => void checkIpp()} loading={busy === 'check'} disabled={readOnly || deviceId === null} data-testid="association-check">
            {tp('associations.checkIpp')}
          </Button>
        </Group>
        {check && <IppCheckView check={check.check} proposals={check.proposals} onUse={use} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={tp('associations.name')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} disabled={readOnly} data-testid="association-name" />
          <Select label={tp('associations.set')} data={sets.map((s) => ({ value: String(s.id), label: `${s.name} (${tp(`kinds.${s.kind}`)}, ${tp(`os.${s.os}`)})` }))} value={draft.setId === null ? null : String(draft.setId)} onChange={(v) => set('setId', v === null ? null : Number(v))} disabled={readOnly} data-testid="association-set" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <TextInput label={tp('associations.queueName')} value={draft.queueName} onChange={(e) => set('queueName', e.currentTarget.value)} disabled={readOnly} data-testid="association-queue" />
          <Select label={tp('associations.protocol')} data={QUEUE_PROTOCOLS.map((p) => ({ value: p, label: tp(`associations.protocols.${p}`) }))} value={draft.protocol} onChange={(v) => set('protocol', QUEUE_PROTOCOLS.find((p) => p === v) ?? 'ipp')} allowDeselect={false} disabled={readOnly} />
          <NumberInput label={tp('associations.port')} value={draft.port ?? ''} onChange={(v) => set('port', typeof v === 'number' ? v : null)} min={1} max={65535} allowDecimal={false} disabled={readOnly} data-testid="association-port" />
          <TextInput label={tp('associations.resource')} value={draft.resource} onChange={(e) => set('resource', e.currentTarget.value)} disabled={readOnly} />
        </SimpleGrid>
        <TextInput label={tp('associations.location')} value={draft.location} onChange={(e) => set('location', e.currentTarget.value)} disabled={readOnly} data-testid="association-location" />
        <Text size="sm" fw={600}>
          {tp('associations.defaults')}
        </Text>
        <Group gap="lg" align="flex-end">
          <Stack gap={4}>
            <Text size="sm">{tp('associations.color')}</Text>
            <SegmentedControl size="xs" value={draft.color} onChange={(v) => set('color', COLOR_MODES.find((c) => c === v) ?? 'monochrome')} data={COLOR_MODES.map((c) => ({ value: c, label: tp(`associations.colors.${c}`) }))} disabled={readOnly} data-testid="association-color" />
          </Stack>
          <Select label={tp('associations.duplex')} data={DUPLEX_MODES.map((d) => ({ value: d, label: tp(`associations.duplexes.${d}`) }))} value={draft.duplex} onChange={(v) => set('duplex', DUPLEX_MODES.find((d) => d === v) ?? 'one-sided')} allowDeselect={false} disabled={readOnly} w={220} />
          <Select label={tp('associations.paper')} data={[{ value: '', label: tp('associations.paperDefault') }, ...PAPER_SIZES.map((p) => ({ value: p, label: p }))]} value={draft.paperSize ?? ''} onChange={(v) => set('paperSize', PAPER_SIZES.find((p) => p === v) ?? null)} allowDeselect={false} disabled={readOnly} w={220} />
        </Group>
        <DialogFooter error={error} errorTestId="association-error" cancelLabel={tp('cancel')} onCancel={onClose} action={readOnly ? undefined : { label: tp('save'), onClick: () => void save(), loading: busy === 'save', testId: 'association-save' }} />
      </Stack>
    </Modal>
  );
}
