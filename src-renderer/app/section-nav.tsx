import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECTIONS, useSectionStore } from './section.store';

/** Devices · Tasks · Monitoring · Settings, in the header; the current one is marked for screen readers too. */
export function SectionNav() {
  const { t } = useTranslation();
  const section = useSectionStore((s) => s.section);
  const show = useSectionStore((s) => s.show);
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4} wrap="nowrap">
      {SECTIONS.map((id) => (
        <Button key={id} size="xs" variant={id === section ? 'light' : 'subtle'} color={id === section ? undefined : 'gray'} aria-current={id === section ? 'page' : undefined} onClick={() => show(id)}>
          {t(`nav.${id}`)}
        </Button>
      ))}
    </Group>
  );
}
