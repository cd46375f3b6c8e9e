import { Button, Group } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../api/session-context';
import { dynamicText } from '../ui/plugin-text';
import { shownSection, visibleSections } from './section-access';
import { isCoreSection, useSectionStore, type SectionId } from './section.store';
import { usePluginSections } from './use-plugin-sections';

/** Devices · Tasks · Monitoring · the plug-ins' sections · Settings (those the user may see), in the header; the current one is marked for screen readers too. */
export function SectionNav() {
  const { t } = useTranslation();
  const can = usePermissions();
  const plugins = usePluginSections();
  const picked = useSectionStore((s) => s.section);
  const show = useSectionStore((s) => s.show);
  const section = shownSection(picked, can, plugins);
  return (
    <Group component="nav" aria-label={t('nav.label')} gap={4} wrap="nowrap">
      {visibleSections(can, plugins).map((id) => (
        <Button key={id} size="xs" variant={id === section ? 'light' : 'subtle'} color={id === section ? undefined : 'gray'} aria-current={id === section ? 'page' : undefined} onClick={() => show(id)}>
          {sectionLabel(t, id)}
        </Button>
      ))}
    </Group>
  );
}

/** "Devices", or a plug-in's own label ("Address books"). */
export function sectionLabel(t: TFunction, section: SectionId): string {
  if (isCoreSection(section)) return t(`nav.${section}`);
  const plugin = section.slice('plugin:'.length);
  return dynamicText(t, `nav.${plugin}`, plugin);
}
