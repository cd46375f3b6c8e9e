import { Group, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CredentialStatus } from '../../../src-shared/contract/credentials.contract';
import { snmpWriteSummary } from './write-credential-form';

/** "SNMP v2c community" / "SNMPv3 user ops", with where it comes from ("group Lobby"); "Not set". Never a secret. */
export function snmpWriteText(t: TFunction, status: CredentialStatus['snmpWrite']): { text: string; source: string | null } | null {
  const summary = snmpWriteSummary(status);
  if (!summary) return null;
  const text = summary.version === 'v3' ? t('credentials.status.v3', { user: summary.user ?? '' }) : t(`credentials.status.${summary.version}`);
  // A group's default says where it comes from; a device's own needs no words.
  const source = status.source?.kind === 'group' ? t('credentials.status.fromGroup', { name: status.source.groupName ?? `#${status.source.groupId ?? ''}` }) : null;
  return { text, source };
}

/**
 * A device's write access as the support matrix shows it: the stored credential's kind and
 * source, or "Not set" in red; `set` alone (before the details arrive) says only whether one is stored.
 */
export function CredentialStatusText({ status, set }: { status: CredentialStatus | undefined; set: boolean }) {
  const { t } = useTranslation();
  const described = status ? snmpWriteText(t, status.snmpWrite) : null;
  if (!set && !described)
    return (
      <Text size="sm" c="red" span data-testid="credential-status" data-set="false">
        {t('credentials.status.notSet')}
      </Text>
    );
  if (!described)
    return (
      <Text size="sm" span data-testid="credential-status" data-set="true">
        {t('credentials.status.set')}
      </Text>
    );
  const admin = status?.admin.set ? t('credentials.status.admin', { id: status.admin.id ?? '' }) : null;
  const full = [described.text, described.source, admin].filter(Boolean).join(' · ');
  return (
    <Tooltip label={full} withinPortal>
      <Group gap={4} wrap="nowrap" data-testid="credential-status" data-set="true" style={{ minWidth: 0 }}>
        <Text size="sm" span truncate>
          {described.text}
        </Text>
        {described.source && (
          <Text size="xs" c="dimmed" span truncate>
            {described.source}
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
