import { Button, FileButton, Menu } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { downloadText, exportFileName } from '../../ui/download-file';

/**
 * CSV export (all, shown or selected devices → a download) and import (a file → the server,
 * all or nothing: a bad file shows the server's line-numbered message and changes nothing).
 * Import only for who may manage devices.
 */
export function CsvActions({ visible, selected, canImport }: { visible: readonly DeviceSummary[]; selected: readonly number[]; canImport: boolean }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [importing, setImporting] = useState(false);
  // Clears the file input so that choosing the same (corrected) file again imports it again.
  const resetFile = useRef<() => void>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const exportCsv = async (ids: readonly number[] | null) => {
    try {
      const { csv, count } = await api.devices.exportCsv(ids === null ? {} : { ids: [...ids] });
      downloadText(exportFileName(new Date()), csv);
      notify('success', t('csv.doneTitle'), t('csv.exported', { count }));
    } catch (caught) {
      notify('error', t('csv.exportFailed'), errorMessage(caught));
    }
  };

  const importCsv = async (file: File | null) => {
    if (!file) return;
    setImporting(true);
    try {
      const result = await api.devices.importCsv({ csv: await file.text() });
      notify('success', t('csv.doneTitle'), t('csv.imported', { added: result.added, existing: result.existing }));
    } catch (caught) {
      notify('error', t('csv.importFailed'), `${file.name}: ${errorMessage(caught)}`);
    } finally {
      setImporting(false);
      resetFile.current?.();
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<Icon name="download" size={16} />} loading={importing}>
            {t('csv.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('csv.export')}</Menu.Label>
          <Menu.Item onClick={() => void exportCsv(null)}>{t('csv.exportAll')}</Menu.Item>
          <Menu.Item disabled={visible.length === 0} onClick={() => void exportCsv(visible.map((d) => d.id))}>
            {t('csv.exportShown', { count: visible.length })}
          </Menu.Item>
          <Menu.Item disabled={selected.length === 0} onClick={() => void exportCsv(selected)}>
            {t('csv.exportSelected', { count: selected.length })}
          </Menu.Item>
          {canImport && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<Icon name="upload" size={14} />} onClick={() => fileInput.current?.click()}>
                {t('csv.import')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {/* Outside the menu so that the input outlives the dropdown while the file dialog is open. */}
      <FileButton ref={fileInput} onChange={(file) => void importCsv(file)} accept=".csv,text/csv" inputProps={{ 'aria-label': t('csv.importFile') }} resetRef={resetFile}>
        {() => null}
      </FileButton>
    </>
  );
}
