import { Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Book } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { FormFooter } from '../../../ui/form-footer';
import { errorMessage } from '../../../ui/notice.store';
import { useAddressbookApi } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';

/** null: a new book; a book: rename it. */
export type BookNameTarget = Book | null;

/** A book's name and description: creates an empty book or renames one; a taken name is the server's refusal under the field. */
export function BookNameDialog({ target, onClose, onSaved }: { target: BookNameTarget; onClose(): void; onSaved(book: Book, created: boolean): void }) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const [name, setName] = useState(target?.name ?? '');
  const [description, setDescription] = useState(target?.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError(tp('books.nameRequired'));
      return;
    }
    setBusy(true);
    try {
      const book = target === null ? await api.books.create({ name, description }) : await api.books.update({ id: target.id, name, description });
      onSaved(book, target === null);
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={target === null ? tp('books.new') : tp('books.renameTitle', { name: target.name })} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <TextInput
            label={tp('books.columns.name')}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setError(null);
            }}
            maxLength={80}
            required
            data-autofocus
          />
          <Textarea label={tp('books.description')} value={description} onChange={(event) => setDescription(event.currentTarget.value)} maxLength={300} autosize minRows={2} />
          <FormFooter error={error} errorTestId="book-dialog-error" busy={busy} submitLabel={target === null ? t('common.create') : t('common.save')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
