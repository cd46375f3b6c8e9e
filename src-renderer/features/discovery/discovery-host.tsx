import { useEffect } from 'react';
import { DiscoveryProgressPanel } from './discovery-progress-panel';
import { DiscoveryWizard } from './discovery-wizard';
import { useDiscoveryWizardStore } from './discovery-wizard.store';
import { SearchHistoryDrawer } from './search-history-drawer';

/**
 * The search's overlays (wizard, progress panel, history), mounted once in the layout. With a
 * demo fleet the wizard starts with its addresses, so a first search finds something.
 */
export function DiscoveryHost({ demoSearch }: { demoSearch: { spec: string; port: number } | null }) {
  const offerDemo = useDiscoveryWizardStore((s) => s.offerDemo);
  useEffect(() => {
    if (demoSearch) offerDemo(demoSearch);
  }, [demoSearch, offerDemo]);
  return (
    <>
      <DiscoveryWizard />
      <DiscoveryProgressPanel />
      <SearchHistoryDrawer />
    </>
  );
}
