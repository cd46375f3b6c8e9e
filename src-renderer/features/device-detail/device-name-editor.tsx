import { ActionIcon, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';

/**
 * The device's name in the detail header, editable in place: Enter or Save sends it, Escape or
 * Cancel drops it; an empty name gives the device its own name back. The server's message shows
 * under the field on failure; the list and this pane follow the pushed 'devices.changed'. Not
 * `editable` (no right to manage devices): the name only.
 */
export function DeviceNameEditor({ id, shown, current, editable }: { id: number; shown: string; current: string; editable: boolean }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const cancel = () => {
    setDraft(null);
    setError(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    setBusy(true);
    try {
      await api.devices.rename({ id, name: draft });
      cancel();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // Escape ends the edit only; it must not also close the pane or a dialog around it.
    event.stopPropagation();
    cancel();
  };

  if (draft === null) {
    return (
      <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
        <Title order={4} lineClamp={2} title={shown} style={{ overflowWrap: 'anywhere' }}>
          <bdi>{shown}</bdi>
        </Title>
        {editable && (
          <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('detail.rename')} onClick={() => setDraft(current)}>
            <Icon name="pencil" size={16} />
          </ActionIcon>
        )}
      </Group>
    );
  }
  // The field takes the header's width and the buttons a line of their own under it, so that
  // neither is clipped in a narrow panel ("Sav", "Canc" at 1280×720 before).
  return (
    <form onSubmit={(event) => void save(event)} style={{ width: '100%' }}>
      <Stack gap={6}>
        <TextInput
          size="xs"
          aria-label={t('detail.nameLabel')}
          placeholder={t('detail.nameHint')}
          value={draft}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          error={error}
          autoFocus
        />
        <Group gap="xs" wrap="wrap">
          <Button size="xs" type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={cancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
