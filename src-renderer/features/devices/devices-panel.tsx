import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAppEvent } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { usePanelPlacement } from '../../app/use-panel-placement';
import { useDeviceListStore } from './device-list.store';
import { FilterBar } from '../filters/filter-bar';
import { DeviceTable } from './device-table';
import { DeviceToolbar } from './device-toolbar';
import { RemoveDevicesDialog } from './remove-devices-dialog';
import { useVisibleDevices } from './use-visible-devices';
import { useEmptyListText } from '../groups/use-empty-list-text';

/**
 * The middle of the console: filter bar, toolbar and the device list. While the details float over
 * the list (a narrow window), the filter bar and the toolbar keep clear of them (the toolbar folds
 * into "More"); the list itself keeps its columns under the panel.
 */
export function DevicesPanel() {
  const { t } = useTranslation();
  const { loadError } = useServerData();
  const { visible, all } = useVisibleDevices();
  const open = useDeviceListStore((s) => s.open);
  // The desktop shell asks for a device when its error notification is clicked.
  useAppEvent('shell.openDevice', ({ id }) => open(id));
  // Before the whole list is there, the rows it opens with may already show.
  // An empty group says it is empty rather than blaming the filter.
  const emptyText = useEmptyListText(visible, all);
  const { overlayInset } = usePanelPlacement(true);
  return (
    <>
      <div style={{ paddingInlineEnd: overlayInset }}>
        <FilterBar />
        <DeviceToolbar visible={visible} total={all?.length ?? null} />
      </div>
      {loadError && (
        <Alert color="red" mx="md" mb="xs" py={6}>
          {t('app.loadFailed', { message: loadError.message })}
        </Alert>
      )}
      <DeviceTable devices={visible} emptyText={emptyText} />
      <RemoveDevicesDialog />
    </>
  );
}
