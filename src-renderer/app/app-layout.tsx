import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ServerDataProvider } from '../api/server-data';
import { DeviceDetailPane } from '../features/device-detail/device-detail-pane';
import { DiscoveryHost } from '../features/discovery/discovery-host';
import { useDeviceListStore } from '../features/devices/device-list.store';
import { DevicesPanel } from '../features/devices/devices-panel';
import { GroupTree } from '../features/groups/group-tree';
import { NoticeStack } from '../ui/notice-stack';
import { AppHeader } from './app-header';
import type { SystemInfo } from './connection-gate';

const HEADER_HEIGHT = 56;

/** Header; group tree on the left; the list in the middle; the detail pane on the right when a device is open. */
export function AppLayout({ info }: { info: SystemInfo }) {
  const { t } = useTranslation();
  const openId = useDeviceListStore((s) => s.openId);
  // On narrow screens the group tree folds away behind a burger in the header.
  const [groupsOpened, { toggle: toggleGroups }] = useDisclosure(false);
  return (
    <ServerDataProvider>
      <AppShell
        header={{ height: HEADER_HEIGHT }}
        navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !groupsOpened } }}
        aside={{ width: { base: 360, xl: 420 }, breakpoint: 'sm', collapsed: { desktop: openId === null, mobile: openId === null } }}
        padding={0}
      >
        <AppShell.Header>
          <AppHeader info={info} groupsOpened={groupsOpened} onToggleGroups={toggleGroups} />
        </AppShell.Header>
        <AppShell.Navbar>
          <GroupTree />
        </AppShell.Navbar>
        <AppShell.Main aria-label={t('app.mainLabel')} style={{ height: '100dvh', display: 'flex', flexDirection: 'column' }}>
          <DevicesPanel />
        </AppShell.Main>
        <AppShell.Aside>{openId !== null && <DeviceDetailPane key={openId} id={openId} />}</AppShell.Aside>
      </AppShell>
      <DiscoveryHost />
      <NoticeStack />
    </ServerDataProvider>
  );
}
