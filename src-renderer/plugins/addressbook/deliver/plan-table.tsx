import { Badge, Button, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import type { DeliveryPlan } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useAddressbookT, type AddressbookT } from '../addressbook-text';

/** "3 devices: 2 over the network, 1 by file · 1 without a login · 1 over its limit". */
export function planSummary(tp: AddressbookT, plan: readonly DeliveryPlan[]): string {
  const network = plan.filter((d) => d.adapter !== null).length;
  const parts = [tp('plan.summary', { count: plan.length, network, files: plan.length - network })];
  const noLogin = plan.filter((d) => d.adapter !== null && !d.loginStored).length;
  if (noLogin > 0) parts.push(tp('plan.noLoginCount', { count: noLogin }));
  const over = plan.filter((d) => d.over > 0).length;
  if (over > 0) parts.push(tp('plan.overCount', { count: over }));
  return parts.join(' · ');
}

/**
 * Per target device: delivered over the network (its adapter) or handed over as a file in its
 * vendor's format, entries against its limit (and one-touch limit), how many would not fit, and
 * whether the vault holds its administrator login.
 */
export function PlanTable({ plan, onHandoff, maxHeight = 300 }: { plan: readonly DeliveryPlan[]; onHandoff?(deviceId: number): void; maxHeight?: number | string }) {
  const { tp, language } = useAddressbookT();
  const n = (value: number) => value.toLocaleString(language);
  return (
    <Paper withBorder radius="md" style={{ overflow: 'auto', maxHeight }}>
      <Table verticalSpacing={4} fz="sm" stickyHeader style={{ minWidth: 760 }} data-testid="plan-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{tp('plan.columns.device')}</Table.Th>
            <Table.Th w={170}>{tp('plan.columns.delivery')}</Table.Th>
            <Table.Th w={190} ta="right">
              {tp('plan.columns.entries')}
            </Table.Th>
            <Table.Th w={130}>{tp('plan.columns.login')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.map((device) => (
            <Table.Tr key={device.deviceId} data-testid="plan-row" data-device-id={device.deviceId} data-adapter={device.adapter ?? 'file'} data-over={device.over} data-login={String(device.loginStored)}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{device.label}</Table.Td>
              <Table.Td>
                {device.adapter !== null ? (
                  <Tooltip label={device.adapter} withinPortal>
                    <Badge variant="light" color="teal" tt="none">
                      {tp('plan.network')}
                    </Badge>
                  </Tooltip>
                ) : (
                  <Stack gap={2} align="flex-start">
                    <Badge variant="light" color="gray" tt="none">
                      {tp('plan.file', { format: tp(`formatsShort.${device.handoffFormat}`) })}
                    </Badge>
                    {onHandoff && (
                      <Button size="compact-xs" variant="subtle" px={4} onClick={() => onHandoff(device.deviceId)} data-testid="handoff-button">
                        {tp('plan.handoff')}
                      </Button>
                    )}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text size="sm" c={device.over > 0 ? 'red' : undefined}>
                  {device.limit === null ? tp('plan.noLimit', { entries: n(device.entries) }) : tp('plan.ofLimit', { entries: n(device.entries), limit: n(device.limit) })}
                </Text>
                {device.over > 0 && (
                  <Text size="xs" c="red" data-testid="plan-over">
                    {tp('plan.over', { count: device.over })}
                  </Text>
                )}
                {device.oneTouchLimit !== null && (
                  <Text size="xs" c="dimmed">
                    {tp('plan.oneTouchLimit', { limit: n(device.oneTouchLimit) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {device.adapter === null ? (
                  <Text size="xs" c="dimmed">
                    {tp('plan.loginNotNeeded')}
                  </Text>
                ) : device.loginStored ? (
                  <Badge variant="light" color="teal" tt="none">
                    {tp('plan.loginStored')}
                  </Badge>
                ) : (
                  <Tooltip label={tp('plan.loginMissingHint')} withinPortal multiline maw={300}>
                    <Badge variant="light" color="red" tt="none" data-testid="plan-no-login">
                      {tp('plan.loginMissing')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
