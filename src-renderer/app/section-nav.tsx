import { Button, Menu } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../api/session-context';
import { Icon } from '../ui/icons';
import { dynamicText } from '../ui/plugin-text';
import { shownSection, visibleSections } from './section-access';
import { isCoreSection, useSectionStore, type SectionId } from './section.store';
import { usePluginSections } from './use-plugin-sections';

/**
 * Devices · Tasks · Monitoring · the plug-ins' sections · Settings (those the user may see), in the
 * header; the current one is marked for screen readers too. Where the buttons do not fit the room
 * the header leaves them (a narrow window, Japanese, a poll round beside them), they fold into one
 * menu button named after the current section, so the header never overflows and the user menu
 * stays on screen. The buttons stay mounted (hidden and inert while folded) so their width is
 * known without rendering them twice; the same measuring as ui/overflow-toolbar.tsx.
 */
export function SectionNav() {
  const { t } = useTranslation();
  const can = usePermissions();
  const plugins = usePluginSections();
  const picked = useSectionStore((s) => s.section);
  const show = useSectionStore((s) => s.show);
  const section = shownSection(picked, can, plugins);
  const sections = visibleSections(can, plugins);
  const roomRef = useRef<HTMLDivElement>(null);
  const rowRef = useRef<HTMLDivElement>(null);
  const [folded, setFolded] = useState(false);

  useLayoutEffect(() => {
    const room = roomRef.current;
    const row = rowRef.current;
    if (!room || !row) return;
    // A pixel of slack for sub-pixel widths.
    const measure = () => setFolded(row.offsetWidth > room.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(room);
    observer.observe(row);
    return () => observer.disconnect();
  }, []);

  return (
    <nav aria-label={t('nav.label')} data-testid="section-nav" data-folded={folded} style={{ flex: '1 1 0', minWidth: 0 }}>
      <div ref={roomRef} style={{ position: 'relative', display: 'flex', alignItems: 'center', minWidth: 0 }}>
        <div
          ref={rowRef}
          // Folded: out of the flow and invisible, but still laid out, so that unfolding is decided on its real width.
          style={folded ? { position: 'absolute', top: 0, left: 0, visibility: 'hidden', display: 'flex', gap: 4, width: 'max-content' } : { display: 'flex', gap: 4, width: 'max-content' }}
          aria-hidden={folded || undefined}
          inert={folded || undefined}
        >
          {sections.map((id) => (
            <Button key={id} size="xs" variant={id === section ? 'light' : 'subtle'} color={id === section ? undefined : 'gray'} aria-current={id === section ? 'page' : undefined} onClick={() => show(id)} px={10} style={{ flexShrink: 0 }}>
              {sectionLabel(t, id)}
            </Button>
          ))}
        </div>
        {folded && section !== null && (
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="light" rightSection={<Icon name="down" size={14} />} aria-label={t('nav.menu', { section: sectionLabel(t, section) })} data-testid="section-menu" style={{ flexShrink: 0 }}>
                {sectionLabel(t, section)}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {sections.map((id) => (
                <Menu.Item key={id} onClick={() => show(id)} aria-current={id === section ? 'page' : undefined} fw={id === section ? 600 : undefined}>
                  {sectionLabel(t, id)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
      </div>
    </nav>
  );
}

/** "Devices", or a plug-in's own label ("Address books"). */
export function sectionLabel(t: TFunction, section: SectionId): string {
  if (isCoreSection(section)) return t(`nav.${section}`);
  const plugin = section.slice('plugin:'.length);
  return dynamicText(t, `nav.${plugin}`, plugin);
}
