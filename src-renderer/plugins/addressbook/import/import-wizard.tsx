import { Alert, Badge, Button, FileInput, Group, Modal, Paper, SegmentedControl, Select, SimpleGrid, Stack, Stepper, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ENTRY_KINDS, type BookProblem } from '../../../../src-shared/plugins/addressbook/address-entry';
import { BOOK_ENCODINGS, BOOK_FILE_FORMATS, type Book, type ImportPreview } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { fileToBase64 } from '../../../ui/download-file';
import { Icon } from '../../../ui/icons';
import { errorMessage } from '../../../ui/notice.store';
import { VirtualTable } from '../../../ui/virtual-table';
import { useAddressbookApi, useAddressbookRights, useBooks, useDirectoryConnections } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { destinationText, KIND_COLORS } from '../book-text';
import { ImportModeFields } from './import-mode-fields';
import { bookNameOfFile, IMPORT_FILE_MAX_BYTES, importRequestOf, isBookEncoding, isBookFileFormat, problemsOfRefusal, type ImportDraft, type ImportDraftProblem } from './import-form';

type Step = 'source' | 'preview' | 'done';
type ImportPreviewFigures = Pick<ImportPreview, 'read' | 'added' | 'updated' | 'removed' | 'unchanged'>;
const STEPS: readonly Step[] = ['source', 'preview', 'done'];

interface ImportWizardProps {
  /** Into this book (the editor's), else a new one by default. */
  bookId: number | null;
  /** From this saved connection (the directories tab's "Import"). */
  connectionId: number | null;
  onClose(): void;
}

type Outcome = { book: Book; added: number; updated: number; removed: number; unchanged: number };

/**
 * Import in three steps: the source (a file, or a saved directory connection), the target book,
 * the mode (add, update by a key, replace) and — detected, always selectable — format and
 * encoding; then a preview with the counts, the first rows and every problem with its line
 * (importing stays off while there is one); then the outcome.
 */
export function ImportWizard({ bookId, connectionId, onClose }: ImportWizardProps) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const books = useBooks();
  const connections = useDirectoryConnections(rights.directories);
  const [draft, setDraft] = useState<ImportDraft>({
    sourceKind: connectionId === null ? 'file' : 'directory',
    fileName: null,
    content: null,
    connectionId,
    target: bookId === null ? 'new' : 'existing',
    newBookName: '',
    bookId,
    mode: 'add',
    matchBy: 'destination',
    format: null,
    encoding: null,
  });
  const [step, setStep] = useState<Step>('source');
  const [problem, setProblem] = useState<ImportDraftProblem | 'tooLarge' | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; problems: BookProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const change = (patch: Partial<ImportDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setProblem(null);
  };

  const runPreview = async (next: ImportDraft) => {
    const built = importRequestOf(next);
    if (!built.ok) {
      setProblem(built.problem);
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      setPreview(await api.books.previewImport(built.request));
      setStep('preview');
    } catch (caught) {
      setRefusal({ message: errorMessage(caught), problems: problemsOfRefusal(caught) });
    } finally {
      setBusy(false);
    }
  };

  const runImport = async () => {
    const built = importRequestOf(draft);
    if (!built.ok) return;
    setBusy(true);
    setRefusal(null);
    try {
      setOutcome(await api.books.import(built.request));
      setStep('done');
      books.reload();
    } catch (caught) {
      setRefusal({ message: errorMessage(caught), problems: problemsOfRefusal(caught) });
    } finally {
      setBusy(false);
    }
  };

  const pickFile = async (file: File | null) => {
    setFile(file);
    if (file === null) {
      change({ fileName: null, content: null });
      return;
    }
    if (file.size > IMPORT_FILE_MAX_BYTES) {
      change({ fileName: null, content: null });
      setProblem('tooLarge');
      return;
    }
    const content = await fileToBase64(file);
    setDraft((current) => ({ ...current, fileName: file.name, content, format: null, encoding: null, newBookName: current.newBookName || bookNameOfFile(file.name) }));
    setProblem(null);
  };

  const problems = preview?.problems ?? [];
  const shownProblems = refusal && refusal.problems.length > 0 ? refusal.problems : problems;
  return (
    <Modal opened onClose={onClose} size="min(1100px, 96vw)" title={tp('import.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="import-wizard" data-step={step}>
        <Stepper active={STEPS.indexOf(step)} size="sm" allowNextStepsSelect={false} onStepClick={(index) => index === 0 && step === 'preview' && setStep('source')}>
          <Stepper.Step label={tp('import.steps.source')} />
          <Stepper.Step label={tp('import.steps.preview')} />
          <Stepper.Step label={tp('import.steps.done')} />
        </Stepper>

        {step === 'source' && (
          <Stack gap="sm">
            {rights.directories && (
              <SegmentedControl
                value={draft.sourceKind}
                onChange={(value) => change({ sourceKind: value === 'directory' ? 'directory' : 'file' })}
                data={[
                  { value: 'file', label: tp('import.fromFile') },
                  { value: 'directory', label: tp('import.fromDirectory') },
                ]}
                style={{ alignSelf: 'flex-start' }}
              />
            )}
            {draft.sourceKind === 'file' ? (
              <FileInput
                label={tp('import.file')}
                description={tp('import.fileHint')}
                placeholder={tp('import.filePlaceholder')}
                accept=".ldif,.ldf,.abk,.csv,.txt,.tsv"
                value={file}
                onChange={(picked) => void pickFile(picked)}
                leftSection={<Icon name="upload" size={16} />}
                error={problem === 'noFile' ? tp('import.problems.noFile') : problem === 'tooLarge' ? tp('import.problems.tooLarge') : null}
                data-testid="import-file"
              />
            ) : (
              <Select
                label={tp('import.connection')}
                placeholder={tp('import.connectionPlaceholder')}
                data={(connections.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} (${c.host})` }))}
                value={draft.connectionId === null ? null : String(draft.connectionId)}
                onChange={(value) => change({ connectionId: value === null ? null : Number(value) })}
                error={problem === 'noConnection' ? tp('import.problems.noConnection') : null}
                nothingFoundMessage={tp('import.noConnections')}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Stack gap={6}>
                <Text size="sm" fw={500}>
                  {tp('import.into')}
                </Text>
                <SegmentedControl
                  value={draft.target}
                  onChange={(value) => change({ target: value === 'existing' ? 'existing' : 'new' })}
                  data={[
                    { value: 'new', label: tp('import.newBook') },
                    { value: 'existing', label: tp('import.existingBook') },
                  ]}
                />
                {draft.target === 'new' ? (
                  <TextInput aria-label={tp('import.newBookName')} placeholder={tp('import.newBookName')} value={draft.newBookName} onChange={(event) => change({ newBookName: event.currentTarget.value })} maxLength={80} error={problem === 'noName' ? tp('import.problems.noName') : null} />
                ) : (
                  <Select
                    aria-label={tp('import.existingBook')}
                    placeholder={tp('import.pickBook')}
                    data={(books.data ?? []).map((b) => ({ value: String(b.id), label: b.name }))}
                    value={draft.bookId === null ? null : String(draft.bookId)}
                    onChange={(value) => change({ bookId: value === null ? null : Number(value) })}
                    error={problem === 'noBook' ? tp('import.problems.noBook') : null}
                    searchable
                    comboboxProps={{ withinPortal: true }}
                  />
                )}
              </Stack>
              {draft.target === 'existing' && (
                <ImportModeFields label={tp('import.mode')} hint={tp(`import.modeHints.${draft.mode}`)} warnMode="replace" mode={draft.mode} matchBy={draft.matchBy} fallback="add" onChange={change} />
              )}
            </SimpleGrid>
            {draft.sourceKind === 'file' && <FormatFields draft={draft} preview={null} onChange={change} />}
          </Stack>
        )}

        {step === 'preview' && preview && <PreviewStep draft={draft} preview={preview} onFormat={(patch) => {
              change(patch);
              void runPreview({ ...draft, ...patch });
            }} busy={busy} />}

        {refusal && (
          <Alert color="red" py={6} role="alert" data-testid="import-error">
            {refusal.message}
          </Alert>
        )}
        {step !== 'done' && shownProblems.length > 0 && <ProblemList problems={shownProblems} />}

        {step === 'done' && outcome && (
          <Stack gap="sm" data-testid="import-done">
            <Alert color="teal" icon={<Icon name="check" size={18} />}>
              {tp('import.done', { name: outcome.book.name, added: outcome.added, updated: outcome.updated, removed: outcome.removed, unchanged: outcome.unchanged })}
            </Alert>
          </Stack>
        )}

        <Group justify="space-between">
          <div>
            {step === 'preview' && (
              <Button variant="default" onClick={() => setStep('source')}>
                {tp('import.back')}
              </Button>
            )}
          </div>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {step === 'done' ? t('common.close') : t('common.cancel')}
            </Button>
            {step === 'source' && (
              <Button loading={busy} onClick={() => void runPreview(draft)} data-testid="import-preview-button">
                {tp('import.previewButton')}
              </Button>
            )}
            {step === 'preview' && (
              <Button loading={busy} disabled={problems.length > 0} onClick={() => void runImport()} data-testid="import-button">
                {problems.length > 0 ? tp('import.blocked', { count: problems.length }) : tp('import.importButton', { count: preview?.read ?? 0 })}
              </Button>
            )}
            {step === 'done' && outcome && (
              <Button
                onClick={() => {
                  useAddressbookView.getState().openBook(outcome.book.id);
                  onClose();
                }}
              >
                {tp('import.openBook')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Format and encoding: "Detect" until a preview says what it found; every value selectable. */
function FormatFields({ draft, preview, onChange }: { draft: ImportDraft; preview: ImportPreview | null; onChange(patch: Pick<ImportDraft, 'format'> | Pick<ImportDraft, 'encoding'>): void }) {
  const { tp } = useAddressbookT();
  const detect = preview === null;
  const format = draft.format ?? (preview && isBookFileFormat(preview.format) ? preview.format : null);
  const encoding = draft.encoding ?? (preview && isBookEncoding(preview.encoding) ? preview.encoding : null);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label={tp('import.format')}
        data={[...(detect ? [{ value: 'detect', label: tp('import.detect') }] : []), ...BOOK_FILE_FORMATS.map((f) => ({ value: f, label: tp(`formats.${f}`) }))]}
        value={format ?? 'detect'}
        onChange={(value) => onChange({ format: isBookFileFormat(value) ? value : null })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="import-format"
      />
      <Select
        label={tp('import.encoding')}
        description={preview && !preview.encodingCertain && draft.encoding === null ? tp('import.encodingAssumed') : undefined}
        data={[...(detect ? [{ value: 'detect', label: tp('import.detect') }] : []), ...BOOK_ENCODINGS.map((e) => ({ value: e, label: tp(`encodings.${e}`) }))]}
        value={encoding ?? 'detect'}
        onChange={(value) => onChange({ encoding: isBookEncoding(value) ? value : null })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
        data-testid="import-encoding"
      />
    </SimpleGrid>
  );
}

function PreviewStep({ draft, preview, onFormat, busy }: { draft: ImportDraft; preview: ImportPreview; onFormat(patch: Pick<ImportDraft, 'format'> | Pick<ImportDraft, 'encoding'>): void; busy: boolean }) {
  const { tp, language } = useAddressbookT();
  const figures: [keyof ImportPreviewFigures, number, string][] = [
    ['read', preview.read, 'gray'],
    ['added', preview.added, 'teal'],
    ['updated', preview.updated, 'blue'],
    ['removed', preview.removed, 'red'],
    ['unchanged', preview.unchanged, 'gray'],
  ];
  return (
    <Stack gap="sm" data-testid="import-preview" data-problems={preview.problems.length} data-read={preview.read}>
      {draft.sourceKind === 'file' && <FormatFields draft={draft} preview={preview} onChange={onFormat} />}
      {busy && (
        <Text size="xs" c="dimmed">
          {tp('loading')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
        {figures.map(([key, value, color]) => (
          <Paper key={key} withBorder radius="md" p="xs" data-testid={`import-count-${key}`} data-count={value}>
            <Text size="xs" c="dimmed">
              {tp(`import.figures.${key}`)}
            </Text>
            <Text size="lg" fw={700} c={value > 0 && key !== 'read' && key !== 'unchanged' ? color : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {value.toLocaleString(language)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group gap={6}>
        {ENTRY_KINDS.filter((kind) => (preview.byKind[kind] ?? 0) > 0).map((kind) => (
          <Badge key={kind} variant="light" color={KIND_COLORS[kind]} tt="none" data-testid={`import-kind-${kind}`} data-count={preview.byKind[kind]}>
            {tp(`kinds.${kind}`)} {(preview.byKind[kind] ?? 0).toLocaleString(language)}
          </Badge>
        ))}
        {preview.bookName && (
          <Text size="xs" c="dimmed">
            {tp('import.fileBookName', { name: preview.bookName })}
          </Text>
        )}
      </Group>
      {preview.first.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {tp('import.firstRows', { count: preview.first.length })}
          </Text>
          <Paper withBorder radius="md" style={{ overflow: 'auto', maxHeight: 260 }}>
            <Table verticalSpacing={4} fz="sm" stickyHeader style={{ minWidth: 720 }} data-testid="import-first-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={64}>{tp('entries.columns.number')}</Table.Th>
                  <Table.Th w={100}>{tp('entries.columns.kind')}</Table.Th>
                  <Table.Th>{tp('entries.columns.name')}</Table.Th>
                  <Table.Th>{tp('entries.columns.reading')}</Table.Th>
                  <Table.Th>{tp('entries.columns.destination')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.first.map((entry, index) => (
                  <Table.Tr key={index} data-testid="import-row">
                    <Table.Td>{entry.number}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={KIND_COLORS[entry.kind]} tt="none">
                        {tp(`kinds.${entry.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{entry.name}</Table.Td>
                    <Table.Td>{entry.reading}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{destinationText(tp, entry)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      )}
    </Stack>
  );
}

/** Every problem with its line, virtualised (a broken file can have thousands). */
function ProblemList({ problems }: { problems: readonly BookProblem[] }) {
  const { tp } = useAddressbookT();
  return (
    <Stack gap={4} data-testid="import-problems" data-count={problems.length}>
      <Alert color="red" py={6} icon={<Icon name="alert" size={16} />}>
        {tp('import.problemsIntro', { count: problems.length })}
      </Alert>
      <VirtualTable
        label={tp('import.problemsLabel')}
        columns={[
          { id: 'line', header: tp('import.line'), width: '80px', numeric: true },
          { id: 'message', header: tp('import.problem'), width: 'minmax(200px, 1fr)' },
        ]}
        count={problems.length}
        rowKey={(index) => index}
        height={Math.min(220, 34 * problems.length + 36)}
        rowTestId="import-problem"
        rowData={(index) => ({ 'data-line': String(problems[index]?.line ?? '') })}
        cell={(index, column) => {
          const p = problems[index];
          if (!p) return null;
          return column === 'line' ? (p.line > 0 ? p.line.toLocaleString() : '—') : <span title={p.message}>{p.message}</span>;
        }}
      />
    </Stack>
  );
}
