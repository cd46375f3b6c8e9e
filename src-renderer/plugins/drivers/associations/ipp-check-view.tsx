import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { AssociationProposal, IppCheck } from '../../../../src-shared/plugins/drivers/association';
import { useDriversT } from '../drivers-text';

/** The device's last IPP Everywhere check and the sets proposed for it (driverless first when ready). */
export function IppCheckView({ check, proposals, onUse }: { check: IppCheck | null; proposals: readonly AssociationProposal[]; onUse(proposal: AssociationProposal): void }) {
  const { tp } = useDriversT();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="ipp-check">
      <Stack gap={6}>
        {check && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={check.ready ? 'teal' : 'gray'} variant="light" tt="none" data-testid="ipp-ready" data-ready={String(check.ready)} style={{ flexShrink: 0 }}>
              {check.ready ? tp('associations.ready') : tp('associations.notReady')}
            </Badge>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {check.reason ?? tp('associations.ippDetail', { versions: check.ippVersions.join(', ') || '—', formats: check.documentFormats.filter((f) => f.startsWith('image/') || f === 'application/pdf').join(', ') || '—' })}
            </Text>
          </Group>
        )}
        <Text size="sm" fw={600}>
          {tp('associations.proposals')}
        </Text>
        {proposals.length === 0 ? (
          <Alert color="gray" py={4}>
            {tp('associations.noProposal')}
          </Alert>
        ) : (
          proposals.slice(0, 4).map((p, index) => (
            <Group key={`${p.setId}-${p.protocol}`} gap="xs" wrap="nowrap" data-testid="proposal" data-kind={p.kind}>
              <Button size="compact-xs" variant={index === 0 ? 'filled' : 'light'} onClick={() => onUse(p)}>
                {tp('associations.useProposal')}
              </Button>
              <Text size="sm" fw={500}>
                {p.setName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {`${p.protocol.toUpperCase()} · ${p.reason}`}
              </Text>
            </Group>
          ))
        )}
      </Stack>
    </Paper>
  );
}
