import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './notice.store';

export interface TextFieldDialogProps {
  opened: boolean;
  title: string;
  /** Label (and optional description) of the one required field. */
  label: string;
  description?: string;
  /** Shown above the field (a hint about what happens). */
  intro?: ReactNode;
  /** Further optional fields, below the required one (their state belongs to the caller). */
  children?: ReactNode;
  submitLabel: string;
  /** Does the work; a rejection's message shows under the field and the dialog stays open. */
  onSubmit: (value: string) => Promise<void>;
  /** Closed by Cancel, the close button, Escape, or after a successful submit. */
  onClose: () => void;
}

/**
 * A dialog asking for one required text (a name, an address): the server's message (a taken
 * name, a bad address …) shows under the field, and the submit button waits for the answer.
 */
export function TextFieldDialog({ opened, title, label, description, intro, children, submitLabel, onSubmit, onClose }: TextFieldDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setValue('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(value);
      close();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          {intro}
          <TextInput
            label={label}
            description={description}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            required
            data-autofocus
          />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={value.trim() === ''}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
