import { DiscoveryProgressPanel } from './discovery-progress-panel';
import { DiscoveryWizard } from './discovery-wizard';
import { SearchHistoryDrawer } from './search-history-drawer';

/** The search's overlays (wizard, progress panel, history), mounted once in the layout. */
export function DiscoveryHost() {
  return (
    <>
      <DiscoveryWizard />
      <DiscoveryProgressPanel />
      <SearchHistoryDrawer />
    </>
  );
}
