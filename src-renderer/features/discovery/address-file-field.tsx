import { Button, FileButton, Group, Input, Text } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { encodingErrorText, notableEncoding, readTextFile } from '../../ui/text-file';
import type { AddressFileDraft } from './discovery-form';

/** Lines with something on them (a blank last line is not counted). */
function countLines(content: string): number {
  return content.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length;
}

/**
 * The CSV file of the address method: read here, in the browser (UTF-8, else Shift_JIS as
 * Japanese Excel saves it; never into U+FFFD), and sent as text; the server judges it and its
 * line-numbered message shows under the field.
 */
export function AddressFileField({ file, onFile, error }: { file: AddressFileDraft | null; onFile(file: AddressFileDraft): void; error: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [readError, setReadError] = useState<string | null>(null);
  const [readAs, setReadAs] = useState<string | null>(null);
  // Clears the input so that choosing the same (corrected) file again reads it again.
  const resetFile = useRef<() => void>(null);

  const read = async (chosen: File | null) => {
    if (!chosen) return;
    try {
      const decoded = await readTextFile(chosen);
      onFile({ fileName: chosen.name, content: decoded.text });
      setReadAs(notableEncoding(decoded));
      setReadError(null);
    } catch (caught) {
      setReadError(t('discovery.fields.fileUnreadable', { message: encodingErrorText(t, caught) ?? errorMessage(caught) }));
    } finally {
      resetFile.current?.();
    }
  };

  const shownError = readError ?? error;
  const errorId = `${id}-error`;
  return (
    <Input.Wrapper
      id={id}
      label={t('discovery.fields.addressFile')}
      labelElement="div"
      error={shownError === null ? undefined : <span style={{ whiteSpace: 'pre-wrap' }}>{shownError}</span>}
      errorProps={{ id: errorId, role: 'alert', 'data-testid': 'address-file-error' }}
    >
      <Group gap="sm" mt={4} wrap="nowrap">
        <FileButton
          onChange={(chosen) => void read(chosen)}
          accept=".csv,.txt,text/csv,text/plain"
          resetRef={resetFile}
          inputProps={{ 'aria-label': t('discovery.fields.addressFile'), 'aria-describedby': shownError === null ? undefined : errorId }}
        >
          {(props) => (
            <Button {...props} size="xs" variant="default" leftSection={<Icon name="upload" size={14} />}>
              {t('discovery.fields.chooseFile')}
            </Button>
          )}
        </FileButton>
        {file !== null && (
          <Text size="sm" c="dimmed" truncate data-testid="address-file-name">
            {t('discovery.fields.fileLoaded', { name: file.fileName, count: countLines(file.content) })}
            {readAs !== null && ` · ${readAs}`}
          </Text>
        )}
      </Group>
    </Input.Wrapper>
  );
}
