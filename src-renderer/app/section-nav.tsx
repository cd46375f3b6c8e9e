import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../api/session-context';
import { shownSection, visibleSections } from './section-access';
import { useSectionStore } from './section.store';

/** Devices · Tasks · Monitoring · Settings (those the user may see), in the header; the current one is marked for screen readers too. */
export function SectionNav() {
  const { t } = useTranslation();
  const can = usePermissions();
  const picked = useSectionStore((s) => s.section);
  const show = useSectionStore((s) => s.show);
  const section = shownSection(picked, can);
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4} wrap="nowrap">
      {visibleSections(can).map((id) => (
        <Button key={id} size="xs" variant={id === section ? 'light' : 'subtle'} color={id === section ? undefined : 'gray'} aria-current={id === section ? 'page' : undefined} onClick={() => show(id)}>
          {t(`nav.${id}`)}
        </Button>
      ))}
    </Group>
  );
}
