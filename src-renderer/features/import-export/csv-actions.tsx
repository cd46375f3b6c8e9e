import { Button, FileButton, Menu } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_ENCODING_CHOICES, type TextEncodingChoice } from '../../../src-shared/csv/text-encoding';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { downloadText, exportFileName } from '../../ui/download-file';
import { encodingErrorText, notableEncoding, readTextFile } from '../../ui/text-file';

export interface CsvActionsParts {
  /** The menu's entries (export all / shown / selected, encoding, import), for its own menu or a toolbar's "More" menu. */
  items: ReactNode;
  /** The hidden file input of "Import": rendered once, outside every menu, so that it outlives the dropdown while the file dialog is open. */
  fileInput: ReactNode;
  importing: boolean;
}

/**
 * CSV export (all, shown or selected devices → a download) and import (a file → the server,
 * all or nothing: a bad file shows the server's line-numbered message and changes nothing).
 * The file is read here in the encoding chosen in the menu (detect: UTF-8, else Shift_JIS, as
 * Japanese Excel saves "CSV"); one that is not text in it is refused here, never sent as U+FFFD.
 * Import only for who may manage devices.
 */
export function useCsvActions({ visible, selected, canImport }: { visible: readonly DeviceListRow[]; selected: readonly number[]; canImport: boolean }): CsvActionsParts {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [importing, setImporting] = useState(false);
  const [encoding, setEncoding] = useState<TextEncodingChoice>('auto');
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
      const decoded = await readTextFile(file, encoding);
      const result = await api.devices.importCsv({ csv: decoded.text });
      const readAs = notableEncoding(decoded);
      notify('success', t('csv.doneTitle'), [t('csv.imported', { added: result.added, existing: result.existing }), readAs === null ? '' : t('csv.readAs', { encoding: readAs })].join(' ').trim());
    } catch (caught) {
      notify('error', t('csv.importFailed'), `${file.name}: ${encodingErrorText(t, caught) ?? errorMessage(caught)}`);
    } finally {
      setImporting(false);
      resetFile.current?.();
    }
  };

  const items = (
    <>
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
          <Menu.Label>{t('csv.encoding')}</Menu.Label>
          {TEXT_ENCODING_CHOICES.map((choice) => (
            <Menu.Item
              key={choice}
              role="menuitemradio"
              aria-checked={encoding === choice}
              data-testid={`csv-encoding-${choice}`}
              closeMenuOnClick={false}
              leftSection={encoding === choice ? <Icon name="check" size={14} /> : <span style={{ display: 'inline-block', width: 14 }} />}
              onClick={() => setEncoding(choice)}
            >
              {t(`csv.encodings.${choice}`)}
            </Menu.Item>
          ))}
          <Menu.Item leftSection={<Icon name="upload" size={14} />} onClick={() => fileInput.current?.click()}>
            {t('csv.import')}
          </Menu.Item>
        </>
      )}
    </>
  );
  const fileButton = (
    <FileButton ref={fileInput} onChange={(file) => void importCsv(file)} accept=".csv,text/csv" inputProps={{ 'aria-label': t('csv.importFile') }} resetRef={resetFile}>
      {() => null}
    </FileButton>
  );
  return { items, fileInput: fileButton, importing };
}

/** The "CSV" button and its menu (the entries of `useCsvActions`). */
export function CsvMenuButton({ items, importing }: { items: ReactNode; importing: boolean }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<Icon name="download" size={16} />} loading={importing}>
          {t('csv.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{items}</Menu.Dropdown>
    </Menu>
  );
}
