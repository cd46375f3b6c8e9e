import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpPool } from '../../../src-shared/contract/settings.contract';
import { useRendererApi } from '../../api/api-context';
import { useNoticeStore } from '../../ui/notice.store';
import { checkPool, poolDraftOf, poolFieldOfMessage, type PoolDraft, type PoolField, type PoolProblem } from './pool-form';
import { FormFooter } from '../../ui/form-footer';

/** Which pool the dialog edits: a new one, or a saved one. null: closed. */
export type PoolDialogMode = { kind: 'create' } | { kind: 'edit'; pool: IpPool } | null;

export function poolProblemText(t: TFunction, problem: PoolProblem | undefined): string | null {
  if (!problem) return null;
  switch (problem.key) {
    case 'required':
      return t('ipPools.problems.required');
    case 'tooLong':
      return t('ipPools.problems.tooLong', { limit: problem.limit });
  }
}

/** Creates or edits an IP address pool: name, ranges, exclusions; a range the server refuses is named under its field. */
export function PoolDialog({ mode, onClose, onSaved }: { mode: PoolDialogMode; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={mode !== null} onClose={onClose} title={mode?.kind === 'edit' ? t('ipPools.dialog.editTitle') : t('ipPools.dialog.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {mode !== null && <PoolForm key={mode.kind === 'edit' ? mode.pool.id : 'new'} pool={mode.kind === 'edit' ? mode.pool : null} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function PoolForm({ pool, onClose, onSaved }: { pool: IpPool | null; onClose(): void; onSaved(): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<PoolDraft>(() => poolDraftOf(pool));
  const [attempted, setAttempted] = useState(false);
  const [refused, setRefused] = useState<{ draft: PoolDraft; field: PoolField; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = checkPool(draft);
  const errorOf = (field: PoolField): string | null => {
    if (refused?.draft === draft && refused.field === field) return t('ipPools.problems.refused', { message: refused.text });
    const problem = problems[field];
    // "Required" waits for a save; "too long" shows while typing.
    if (problem?.key === 'required' && !attempted) return null;
    return poolProblemText(t, problem);
  };
  const edit = (change: Partial<PoolDraft>) => setDraft((d) => ({ ...d, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const fields = { name: draft.name.trim(), ranges: draft.ranges.trim(), exclusions: draft.exclusions.trim() };
      const saved = pool ? await api.settings.updatePool({ id: pool.id, ...fields }) : await api.settings.createPool(fields);
      notify('success', t('ipPools.title'), pool ? t('ipPools.saved', { name: saved.name }) : t('ipPools.created', { name: saved.name }));
      onSaved();
      onClose();
    } catch (caught) {
      const code = typeof caught === 'object' && caught !== null && 'code' in caught && typeof caught.code === 'string' ? caught.code : undefined;
      setRefused({ draft, ...poolFieldOfMessage(caught instanceof Error ? caught.message : String(caught), code) });
    } finally {
      setBusy(false);
    }
  };

  const general = refused?.draft === draft && refused.field === 'general' ? refused.text : null;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput label={t('ipPools.dialog.name')} value={draft.name} onChange={(event) => edit({ name: event.currentTarget.value })} error={errorOf('name')} data-autofocus />
        <Textarea
          label={t('ipPools.dialog.ranges')}
          description={t('ipPools.dialog.rangesHint')}
          placeholder="10.0.2.10-10.0.2.40, 10.0.3.0/28"
          autosize
          minRows={2}
          maxRows={6}
          value={draft.ranges}
          onChange={(event) => edit({ ranges: event.currentTarget.value })}
          error={errorOf('ranges')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Textarea
          label={t('ipPools.dialog.exclusions')}
          description={t('ipPools.dialog.exclusionsHint')}
          autosize
          minRows={1}
          maxRows={4}
          value={draft.exclusions}
          onChange={(event) => edit({ exclusions: event.currentTarget.value })}
          error={errorOf('exclusions')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {pool && (
          <Text size="sm" c="dimmed" data-testid="pool-size">
            {t('ipPools.dialog.size', { count: pool.size, formatted: pool.size.toLocaleString(i18n.language) })}
            {pool.used > 0 ? ` · ${t('ipPools.dialog.usedKept', { count: pool.used })}` : ''}
          </Text>
        )}
        <FormFooter error={general} errorTestId="pool-dialog-error" busy={busy} submitLabel={pool ? t('common.save') : t('common.create')} onCancel={onClose} />
      </Stack>
    </form>
  );
}
