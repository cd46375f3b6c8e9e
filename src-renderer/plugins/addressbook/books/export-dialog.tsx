import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { BOOK_ENCODINGS, BOOK_FILE_FORMATS, type BookEncoding, type BookFileFormat } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { downloadBase64 } from '../../../ui/download-file';
import { Icon } from '../../../ui/icons';
import { useNoticeStore } from '../../../ui/notice.store';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useAddressbookApi, useBooks } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { isBookEncoding, isBookFileFormat } from '../import/import-form';

/** A book as a file: the format (.abk, LDIF, Canon CSV, CSV) and encoding (the format's own by default), downloaded as the server wrote it. */
export function ExportDialog({ bookId, onClose }: { bookId: number; onClose(): void }) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const books = useBooks();
  const notify = useNoticeStore((s) => s.notify);
  const book = books.data?.find((b) => b.id === bookId);
  const [format, setFormat] = useState<BookFileFormat>('abk');
  const [encoding, setEncoding] = useState<BookEncoding | null>(null);
  const { busy, error, run } = useAsyncAction<'download'>();

  const download = () =>
    run('download', async () => {
      const file = await api.books.export({ bookId, format, ...(encoding ? { encoding } : {}) });
      downloadBase64(file.fileName, file.content);
      notify('success', tp('title'), tp('export.done', { count: file.entries, file: file.fileName }));
      onClose();
    });

  return (
    <Modal opened onClose={onClose} title={tp('export.title', { name: book?.name ?? '' })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="sm" data-testid="export-dialog">
        <Select
          label={tp('export.format')}
          data={BOOK_FILE_FORMATS.map((f) => ({ value: f, label: tp(`formats.${f}`) }))}
          value={format}
          onChange={(value) => setFormat(isBookFileFormat(value) ? value : format)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Text size="xs" c="dimmed">
          {tp(`export.formatHints.${format}`)}
        </Text>
        <Select
          label={tp('export.encoding')}
          data={[{ value: 'default', label: tp('export.defaultEncoding') }, ...BOOK_ENCODINGS.map((e) => ({ value: e, label: tp(`encodings.${e}`) }))]}
          value={encoding ?? 'default'}
          onChange={(value) => setEncoding(isBookEncoding(value) ? value : null)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button leftSection={<Icon name="download" size={16} />} loading={busy === 'download'} onClick={() => void download()}>
            {tp('export.download')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
