import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from './icons';

/**
 * A device's address shown whole (never cut mid-address: it wraps at its dots and colon if it
 * must) with a button that copies it.
 */
export function AddressCopy({ address, size = 'sm' }: { address: string; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
      <Text size={size} c="dimmed" data-testid="device-address" style={{ overflowWrap: 'anywhere' }}>
        {address}
      </Text>
      <CopyButton value={address} timeout={1500}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('layout.copied') : t('layout.copyAddress', { address })} withinPortal>
            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} size="sm" aria-label={t('layout.copyAddress', { address })} onClick={copy} data-testid="copy-address">
              <Icon name={copied ? 'check' : 'copy'} size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
