import { Stack, Tabs, Title } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { AssociationsPanel } from './associations/associations-panel';
import { ClientsPanel } from './clients/clients-panel';
import { PushPanel } from './clients/push-panel';
import { useDriversRights } from './drivers-api';
import { useDriversT } from './drivers-text';
import { enDrivers } from './i18n/drivers.en';
import { jaDrivers } from './i18n/drivers.ja';
import { SetsPanel } from './sets/sets-panel';
import { StoresPanel } from './stores/stores-panel';

/** The section's texts, added as the i18next namespace "drivers" when this chunk loads. */
export const resources = { en: enDrivers, ja: jaDrivers };

const TABS = ['stores', 'sets', 'associations', 'clients', 'push'] as const;
type Tab = (typeof TABS)[number];
type Rights = ReturnType<typeof useDriversRights>;

/** Each tab's panel and who may see it, in the order the tabs show. */
const PANELS: Record<Tab, { Panel: ComponentType; shown(rights: Rights): boolean }> = {
  stores: { Panel: StoresPanel, shown: (r) => r.stores },
  sets: { Panel: SetsPanel, shown: (r) => r.sets },
  associations: { Panel: AssociationsPanel, shown: (r) => r.associations },
  clients: { Panel: ClientsPanel, shown: (r) => r.clients },
  push: { Panel: PushPanel, shown: (r) => r.clients && r.associations },
};

/**
 * The drivers section (issue 12): FTP stores, driver sets, associations with devices, client PCs
 * and the push of queues to them. Loaded on demand as a chunk of its own; each tab shows for the
 * users who may view its function.
 */
export function Section() {
  const { tp } = useDriversT();
  const rights = useDriversRights();
  const shown = TABS.filter((tab) => PANELS[tab].shown(rights));
  const [tab, setTab] = useState<Tab>('associations');
  const current = shown.includes(tab) ? tab : (shown[0] ?? 'associations');
  const panel = { flex: 1, minHeight: 0, overflow: 'auto' } as const;
  return (
    <Stack gap="sm" p="md" style={{ flex: 1, minHeight: 0 }} data-testid="drivers-section">
      <Title order={3}>{tp('title')}</Title>
      <Tabs value={current} onChange={(v) => setTab(TABS.find((t) => t === v) ?? 'associations')} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          {shown.map((id) => (
            <Tabs.Tab key={id} value={id} data-testid={`drivers-tab-${id}`}>
              {tp(`tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((id) => {
          const { Panel } = PANELS[id];
          return (
            <Tabs.Panel key={id} value={id} pt="sm" style={panel}>
              <Panel />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </Stack>
  );
}
