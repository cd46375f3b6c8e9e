import { Button, Menu } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { usePermissions } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { useDeviceSettingsWizardStore } from './device-settings-wizard.store';
import { runSettingsWork, showExecution, type SettingsWork, type WorkTargets } from './settings-actions';

/** Who may start settings work: it is a task (tasks: change) that changes devices (device settings: change). */
export function useSettingsWorkAllowed(): boolean {
  const can = usePermissions();
  return can('tasks', 'change') && can('deviceSettings', 'change');
}

/** Runs acquisition or reboot on devices and opens its execution; a refusal becomes a notice. */
export function useSettingsWork(): (work: SettingsWork, on: WorkTargets) => Promise<void> {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const { groups } = useServerData();
  return async (work, on) => {
    try {
      const groupNames = groups.filter((g) => on.groupIds?.includes(g.id)).map((g) => g.name);
      const name = groupNames.length > 0 ? `${t(`tasks.types.${work}`)}: ${groupNames.join(', ')}` : t(`deviceSettings.runNames.${work}`, { count: on.deviceIds?.length ?? 0 });
      const { executionId } = await runSettingsWork(api, work, on, name);
      showExecution(executionId);
    } catch (caught) {
      notify('error', t('deviceSettings.actionTitle'), errorMessage(caught));
    }
  };
}

export interface DeviceSettingsActions {
  /** False for who may not run settings work: nothing is shown. */
  allowed: boolean;
  /** The menu's entries (deliver, acquire, reboot), for its own menu or a toolbar's "More" menu. */
  items: ReactNode;
  /** The reboot confirmation: rendered once, wherever the entries are. */
  dialog: ReactNode;
}

/**
 * "Device settings" for the selected devices: deliver settings (the wizard), acquire settings,
 * reboot (asked first), as menu entries that the device list's toolbar shows in its own menu or,
 * when the bar is too narrow, under its "More" menu.
 */
export function useDeviceSettingsActions(selected: readonly number[]): DeviceSettingsActions {
  const { t } = useTranslation();
  const allowed = useSettingsWorkAllowed();
  const work = useSettingsWork();
  const [rebooting, setRebooting] = useState<readonly number[] | null>(null);
  const none = selected.length === 0;
  const items = (
    <>
      {none && <Menu.Label>{t('deviceSettings.needSelection')}</Menu.Label>}
      <Menu.Item leftSection={<Icon name="pencil" size={14} />} onClick={() => useDeviceSettingsWizardStore.getState().openFor({ deviceIds: selected })}>
        {none ? t('deviceSettings.deliverAny') : t('deviceSettings.deliver', { count: selected.length })}
      </Menu.Item>
      <Menu.Item leftSection={<Icon name="download" size={14} />} disabled={none} onClick={() => void work('acquireSettings', { deviceIds: selected })}>
        {t('deviceSettings.acquire', { count: selected.length })}
      </Menu.Item>
      <Menu.Divider />
      <Menu.Item leftSection={<Icon name="power" size={14} />} color="red" disabled={none} onClick={() => setRebooting([...selected])}>
        {t('deviceSettings.reboot', { count: selected.length })}
      </Menu.Item>
    </>
  );
  const dialog = (
    <ConfirmDialog
      request={rebooting && { title: t('deviceSettings.confirmReboot.title'), body: t('deviceSettings.confirmReboot.body', { count: rebooting.length }), confirm: t('deviceSettings.confirmReboot.confirm') }}
      onClose={() => setRebooting(null)}
      onConfirm={async () => {
        if (rebooting) await work('reboot', { deviceIds: rebooting });
      }}
    />
  );
  return { allowed, items, dialog };
}

/** The "Device settings" button and its menu (the entries of `useDeviceSettingsActions`). */
export function DeviceSettingsMenuButton({ items }: { items: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<Icon name="adjustments" size={16} />} rightSection={<Icon name="down" size={14} />}>
          {t('deviceSettings.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{items}</Menu.Dropdown>
    </Menu>
  );
}
