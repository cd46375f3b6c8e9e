import { AppShell, Center, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { PluginsProvider } from '../api/plugins-context';
import { ServerDataProvider } from '../api/server-data';
import { usePermissions } from '../api/session-context';
import { DetailPanel } from '../features/device-detail/detail-panel';
import { useConsoleLocation } from '../features/device-detail/use-console-location';
import { DeviceSettingsHost } from '../features/device-settings/device-settings-host';
import { DiscoveryHost } from '../features/discovery/discovery-host';
import { useDeviceListStore } from '../features/devices/device-list.store';
import { DevicesPanel } from '../features/devices/devices-panel';
import { GroupTree } from '../features/groups/group-tree';
import { SettingsPage } from '../features/settings/settings-page';
import { MonitoringPage } from '../features/monitoring/monitoring-page';
import { TasksPage } from '../features/tasks/tasks-page';
import { NoticeStack } from '../ui/notice-stack';
import { ResizeHandle } from '../ui/resize-handle';
import { rendererPlugin } from '../plugins/plugin-registry';
import { AppHeader } from './app-header';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import { DETAIL_LIMITS, SIDEBAR_LIMITS } from './panel-layout';
import { usePanelPlacement } from './use-panel-placement';
import { PluginSectionHost } from './plugin-section-host';
import { sectionVisible, shownSection } from './section-access';
import { sectionLabel } from './section-nav';
import { pluginOfSection, useSectionStore } from './section.store';
import { usePluginSections } from './use-plugin-sections';
import type { SystemInfo } from './system-info';

const HEADER_HEIGHT = 56;

/**
 * Header with the sections the user may see. Devices: group tree on the left (resizable), the list
 * in the middle, the detail panel on the right when a device is open (resizable; beside the list
 * while the list keeps its columns, over it in a narrower window — `panel-layout.ts`). Tasks,
 * Monitoring, the plug-ins' sections and Settings fill the window.
 */
export function AppLayout({ info }: { info: SystemInfo }) {
  return (
    <ServerDataProvider>
      <PluginsProvider>
        <Layout info={info} />
      </PluginsProvider>
    </ServerDataProvider>
  );
}

function Layout({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const can = usePermissions();
  // "#/devices/42" opens that device's detail (also after the sign-in); the address bar follows the console.
  useConsoleLocation();
  const plugins = usePluginSections();
  const section = shownSection(useSectionStore((s) => s.section), can, plugins);
  const pluginId = section === null ? null : pluginOfSection(section);
  const plugin = pluginId === null ? undefined : rendererPlugin(pluginId);
  const devices = section === 'devices';
  const deviceView = sectionVisible('devices', can);
  const openId = useDeviceListStore((s) => s.openId);
  const detailHidden = openId === null || !devices;
  // On narrow screens the group tree folds away behind a burger in the header.
  const [groupsOpened, { toggle: toggleGroups }] = useDisclosure(false);
  const place = usePanelPlacement(devices);
  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: HEADER_HEIGHT }}
        navbar={{ width: place.sidebarWidth, breakpoint: 'sm', collapsed: { desktop: !devices, mobile: !groupsOpened || !devices } }}
        padding={0}
      >
        <AppShell.Header>
          <AppHeader info={info} groupsOpened={groupsOpened} onToggleGroups={toggleGroups} />
        </AppShell.Header>
        <AppShell.Navbar>
          {deviceView && <GroupTree />}
          {place.sidebarShown && (
            <ResizeHandle width={place.sidebarWidth} min={SIDEBAR_LIMITS.min} max={SIDEBAR_LIMITS.max} edge="right" label={t('layout.resizeGroups')} onResize={place.setSidebar} testId="groups-resize" />
          )}
        </AppShell.Navbar>
        <AppShell.Main
          id={MAIN_CONTENT_ID}
          tabIndex={-1}
          aria-label={devices ? t('app.mainLabel') : section ? sectionLabel(t, section) : t('app.title')}
          // Docked, the detail panel (fixed on the right) takes its width from the list.
          style={{ height: '100dvh', display: 'flex', flexDirection: 'column', paddingInlineEnd: place.docked ? place.detailWidth : 0 }}
        >
          {/* The device view stays mounted (scroll position, column widths) while another section is shown. */}
          {deviceView && (
            <div style={{ display: devices ? 'contents' : 'none' }}>
              <DevicesPanel />
            </div>
          )}
          {section === 'tasks' && <TasksPage />}
          {section === 'monitoring' && <MonitoringPage />}
          {plugin && <PluginSectionHost plugin={plugin} />}
          {section === 'settings' && <SettingsPage />}
          {section === null && (
            <Center style={{ flex: 1 }} p="md">
              <Text c="dimmed" data-testid="no-sections">
                {t('app.nothingAllowed')}
              </Text>
            </Center>
          )}
        </AppShell.Main>
      </AppShell>
      {!detailHidden && openId !== null && (
        <DetailPanel id={openId} mode={place.mode} width={place.detailWidth} min={DETAIL_LIMITS.min} max={place.detailMax} top={HEADER_HEIGHT} onResize={place.setDetail} />
      )}
      {can('deviceSearch', 'view') && <DiscoveryHost demoSearch={info.demoSearch} />}
      {can('tasks', 'change') && can('deviceSettings', 'change') && <DeviceSettingsHost />}
      <NoticeStack />
    </>
  );
}
