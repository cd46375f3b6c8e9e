import { Badge, Button, Group, Modal, MultiSelect, NumberInput, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { FOLDER_PROTOCOLS, INDEX_TAGS, type EntryKind } from '../../../../src-shared/plugins/addressbook/address-entry';
import type { EntryView } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { FormFooter } from '../../../ui/form-footer';
import { useNoticeStore } from '../../../ui/notice.store';
import { useAddressbookApi } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { destinationText, nextFreeNumber } from '../book-text';
import { draftOf, emptyDraft, entryProblems, entryProblemText, inputOf, serverEntryProblems, type EntryDraft, type EntryField, type EntryProblems, type NumberDraft } from './entry-form';

/** A saved entry to edit, or a new one of a kind. */
export interface EntryDialogTarget {
  entry: EntryView | null;
  kind: EntryKind;
}

interface EntryDialogProps {
  bookId: number;
  target: EntryDialogTarget;
  /** The book's entries (numbers in use, group members to pick). */
  entries: readonly EntryView[];
  readOnly: boolean;
  onClose(): void;
  onSaved(): void;
}

/** Group members offered at once: a book of thousands is searched by typing. */
const MEMBER_OPTION_LIMIT = 100;

function numberDraft(value: number | string): NumberDraft {
  if (value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n : '';
}

/**
 * Adds or edits one entry: the fields of its kind, each problem under its field as typed (after
 * a first save attempt, also the missing ones); a folder's password shows only "stored" and can
 * be replaced or cleared.
 */
export function EntryDialog({ bookId, target, entries, readOnly, onClose, onSaved }: EntryDialogProps) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<EntryDraft>(() => (target.entry ? draftOf(target.entry) : emptyDraft(target.kind, nextFreeNumber(entries))));
  const [attempted, setAttempted] = useState(false);
  const [server, setServer] = useState<EntryProblems>({});
  const [busy, setBusy] = useState(false);
  const taken = useMemo(() => new Set(entries.filter((e) => e.id !== target.entry?.id).map((e) => e.number)), [entries, target.entry]);
  const problems = entryProblems(draft, taken);
  const change = (patch: Partial<EntryDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setServer({});
  };
  // Missing values are pointed out after a first save; wrong ones at once.
  const errorOf = (field: EntryField): string | null => {
    const problem = server[field] ?? problems[field];
    if (!problem || (!attempted && problem.key === 'required' && !server[field])) return null;
    return entryProblemText(tp, problem);
  };
  const memberOptions = useMemo(
    () => entries.filter((e) => e.kind !== 'group').map((e) => ({ value: String(e.number), label: `${e.number} · ${e.name} (${destinationText(tp, e)})` })),
    [entries, tp],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const saved = await api.books.saveEntry({ bookId, ...(target.entry ? { entryId: target.entry.id } : {}), entry: inputOf(draft) });
      notify('success', tp('title'), target.entry ? tp('entry.saved', { name: saved.name }) : tp('entry.added', { name: saved.name }));
      onSaved();
      onClose();
    } catch (caught) {
      setServer(serverEntryProblems(caught));
    } finally {
      setBusy(false);
    }
  };

  const kindLabel = tp(`kinds.${draft.kind}`);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={target.entry ? tp('entry.editTitle', { kind: kindLabel, name: target.entry.name }) : tp('entry.newTitle', { kind: kindLabel })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={(event) => void submit(event)} data-testid="entry-dialog" data-kind={draft.kind} noValidate>
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <NumberInput label={tp('entry.number')} value={draft.number} onChange={(value) => change({ number: numberDraft(value) })} min={1} max={99_999} allowDecimal={false} error={errorOf('number')} required />
              <TextInput label={tp('entry.name')} value={draft.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errorOf('name')} required data-autofocus style={{ gridColumn: 'span 2' }} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput label={tp('entry.reading')} description={tp('entry.readingHint')} value={draft.reading} onChange={(event) => change({ reading: event.currentTarget.value })} error={errorOf('reading')} style={{ gridColumn: 'span 2' }} />
              <NumberInput label={tp('entry.oneTouch')} description={tp('entry.oneTouchHint')} value={draft.oneTouch} onChange={(value) => change({ oneTouch: numberDraft(value) })} min={1} max={9_999} allowDecimal={false} error={errorOf('oneTouch')} />
            </SimpleGrid>
            <MultiSelect
              label={tp('entry.tags')}
              description={tp('entry.tagsHint')}
              data={INDEX_TAGS.map((tag) => ({ value: tag, label: tp(`tags.${tag}`) }))}
              value={draft.tags}
              onChange={(values) => change({ tags: INDEX_TAGS.filter((tag) => values.includes(tag)) })}
              error={errorOf('tags')}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
            <KindFields draft={draft} change={change} errorOf={errorOf} memberOptions={memberOptions} />
            {!readOnly && <FormFooter error={errorOf('general')} errorTestId="entry-dialog-error" busy={busy} submitLabel={target.entry ? t('common.save') : tp('entry.add')} onCancel={onClose} />}
          </Stack>
        </fieldset>
        {readOnly && (
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        )}
      </form>
    </Modal>
  );
}

interface KindFieldsProps {
  draft: EntryDraft;
  change(patch: Partial<EntryDraft>): void;
  errorOf(field: EntryField): string | null;
  memberOptions: { value: string; label: string }[];
}

function KindFields({ draft, change, errorOf, memberOptions }: KindFieldsProps) {
  const { tp } = useAddressbookT();
  switch (draft.kind) {
    case 'email':
    case 'ifax':
      return (
        <TextInput
          label={draft.kind === 'email' ? tp('entry.mail') : tp('entry.ifax')}
          placeholder="name@example.com"
          type="email"
          value={draft.address}
          onChange={(event) => change({ address: event.currentTarget.value })}
          error={errorOf('address')}
          required
        />
      );
    case 'fax':
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label={tp('entry.faxNumber')} description={tp('entry.faxHint')} placeholder="03-1234-5678" value={draft.faxNumber} onChange={(event) => change({ faxNumber: event.currentTarget.value })} error={errorOf('faxNumber')} required style={{ gridColumn: 'span 2' }} />
          <TextInput label={tp('entry.subAddress')} description={tp('entry.subAddressHint')} value={draft.subAddress} onChange={(event) => change({ subAddress: event.currentTarget.value })} error={errorOf('subAddress')} />
        </SimpleGrid>
      );
    case 'folder':
      return (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
            <Select
              label={tp('entry.protocol')}
              data={FOLDER_PROTOCOLS.map((protocol) => ({ value: protocol, label: tp(`protocols.${protocol}`) }))}
              value={draft.protocol}
              onChange={(value) => change({ protocol: FOLDER_PROTOCOLS.find((p) => p === value) ?? draft.protocol })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={tp('entry.host')} placeholder="fileserver.example.com" value={draft.host} onChange={(event) => change({ host: event.currentTarget.value })} error={errorOf('host')} required style={{ gridColumn: 'span 2' }} />
            <NumberInput label={tp('entry.port')} placeholder={tp('entry.portDefault')} value={draft.port} onChange={(value) => change({ port: numberDraft(value) })} min={1} max={65_535} allowDecimal={false} error={errorOf('port')} />
          </SimpleGrid>
          <TextInput label={tp('entry.path')} placeholder="scans/team" value={draft.path} onChange={(event) => change({ path: event.currentTarget.value })} error={errorOf('path')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={tp('entry.user')} value={draft.user} onChange={(event) => change({ user: event.currentTarget.value })} error={errorOf('user')} autoComplete="off" />
            <FolderPassword draft={draft} change={change} error={errorOf('password')} />
          </SimpleGrid>
        </Stack>
      );
    case 'group':
      return (
        <MultiSelect
          label={tp('entry.members')}
          description={tp('entry.membersHint', { count: draft.members.length })}
          placeholder={tp('entry.membersPlaceholder')}
          data={memberOptions}
          value={draft.members.map(String)}
          onChange={(values) => change({ members: values.map(Number) })}
          error={errorOf('members')}
          searchable
          clearable
          limit={MEMBER_OPTION_LIMIT}
          maxDropdownHeight={260}
          nothingFoundMessage={tp('editor.noMatch')}
          comboboxProps={{ withinPortal: true }}
          data-testid="group-members"
        />
      );
  }
}

/** "Stored" with Replace / Clear while one is stored; a field otherwise. */
function FolderPassword({ draft, change, error }: { draft: EntryDraft; change(patch: Partial<EntryDraft>): void; error: string | null }) {
  const { tp } = useAddressbookT();
  if (draft.passwordSet && draft.passwordMode !== 'replace') {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {tp('entry.password')}
        </Text>
        <Group gap="xs" data-testid="folder-password" data-password-set={String(draft.passwordMode === 'keep')}>
          <Badge variant="light" color={draft.passwordMode === 'keep' ? 'teal' : 'orange'}>
            {draft.passwordMode === 'keep' ? tp('entry.passwordStored') : tp('entry.passwordCleared')}
          </Badge>
          <Button size="compact-xs" variant="default" onClick={() => change({ passwordMode: 'replace', password: '' })}>
            {tp('entry.passwordReplace')}
          </Button>
          {draft.passwordMode === 'keep' ? (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => change({ passwordMode: 'clear' })}>
              {tp('entry.passwordClear')}
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" onClick={() => change({ passwordMode: 'keep' })}>
              {tp('entry.passwordKeep')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <PasswordInput
        label={tp('entry.password')}
        description={draft.passwordSet ? tp('entry.passwordNew') : undefined}
        value={draft.password}
        onChange={(event) => change({ password: event.currentTarget.value })}
        error={error}
        autoComplete="new-password"
      />
      {draft.passwordSet && (
        <Group>
          <Button size="compact-xs" variant="subtle" onClick={() => change({ passwordMode: 'keep', password: '' })}>
            {tp('entry.passwordKeep')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
