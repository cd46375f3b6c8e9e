import { Badge, Checkbox, Group, NativeSelect, Paper, ScrollArea, SegmentedControl, Stack, Tabs, Text, TextInput, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpPool } from '../../../src-shared/contract/settings.contract';
import type { SettingGroup, SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { Icon } from '../../ui/icons';
import { choiceLabel, itemLabel, itemProblemText } from './settings-texts';
import { chosenPerGroup, ITEM_GROUPS, itemsOfGroup, setItemValue, toggleItem, type CatalogueItem, type ItemProblems, type ItemsDraft } from './settings-draft';

interface ItemsStepProps {
  items: ItemsDraft;
  onChange(items: ItemsDraft): void;
  problems: ItemProblems;
  /** null while loading (or not allowed). */
  pools: readonly IpPool[] | null;
  /** "Tick at least one item", after a save was tried. */
  error: string | null;
}

/**
 * The items of whitepaper §3.2.1 in its three groups (a tab each, with how many are ticked):
 * a check box per item and its value, typed as the catalogue says (text with its limit, on/off,
 * choices, an IPv4 address, a pool), its problem under the field, and a mark on items that need
 * a reboot. Typing a value ticks the item.
 */
export function ItemsStep({ items, onChange, problems, pools, error }: ItemsStepProps) {
  const { t } = useTranslation();
  const counts = chosenPerGroup(items);
  // Open the first group with a ticked item (a copied draft may start in TCP/IP).
  const [group, setGroup] = useState<SettingGroup>(() => ITEM_GROUPS.find((g) => counts[g] > 0) ?? 'deviceInformation');
  const problemGroups = new Set(ITEM_GROUPS.filter((g) => itemsOfGroup(g).some((item) => problems[item.id] !== undefined)));
  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('deviceSettings.wizard.itemsIntro')}
        </Text>
        <Text size="sm" fw={500} data-testid="settings-chosen-count">
          {t('deviceSettings.wizard.chosen', { count: items.chosen.length })}
        </Text>
      </Group>
      {error !== null && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Tabs value={group} onChange={(value) => setGroup(ITEM_GROUPS.find((g) => g === value) ?? group)} keepMounted={false}>
        <Tabs.List>
          {ITEM_GROUPS.map((g) => (
            <Tabs.Tab
              key={g}
              value={g}
              color={problemGroups.has(g) ? 'red' : undefined}
              rightSection={
                counts[g] > 0 ? (
                  <Badge size="xs" variant="filled" color={problemGroups.has(g) ? 'red' : undefined} circle>
                    {counts[g]}
                  </Badge>
                ) : undefined
              }
            >
              {t(`settingGroups.${g}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {ITEM_GROUPS.map((g) => (
          <Tabs.Panel key={g} value={g} pt="xs">
            {/* The rows scroll under the tabs: the groups and the count stay in view. */}
            <ScrollArea.Autosize mah="calc(100dvh - 380px)" offsetScrollbars type="auto">
              <Stack gap={4}>
                {itemsOfGroup(g).map((item) => (
                  <ItemRow key={item.id} item={item} items={items} onChange={onChange} problem={itemProblemText(t, problems[item.id])} pools={pools} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ItemRow({ item, items, onChange, problem, pools }: { item: CatalogueItem; items: ItemsDraft; onChange(items: ItemsDraft): void; problem: string | null; pools: readonly IpPool[] | null }) {
  const { t } = useTranslation();
  const ticked = items.chosen.includes(item.id);
  const label = itemLabel(t, item.id);
  const value = items.values[item.id];
  const set = (next: SettingValue | undefined) => onChange(setItemValue(items, item.id, next));
  return (
    <Paper withBorder radius="sm" px="sm" py={4} data-testid="setting-item" data-item={item.id} data-chosen={ticked} bg={ticked ? 'var(--mantine-primary-color-light)' : undefined}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Checkbox checked={ticked} onChange={(event) => onChange(toggleItem(items, item.id, event.currentTarget.checked))} label={label} w={230} mt={5} styles={{ label: { fontWeight: 500 } }} style={{ flexShrink: 0 }} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <ValueField item={item} label={label} value={value} onValue={set} problem={problem} pools={pools} />
        </Stack>
        <Group gap={4} wrap="nowrap" mt={6} w={96} justify="flex-end" style={{ flexShrink: 0 }}>
          {item.needsReboot && (
            <Tooltip label={t('deviceSettings.wizard.rebootNote')} withinPortal>
              <Badge size="sm" variant="light" color="orange" tt="none" leftSection={<Icon name="refresh" size={10} />} tabIndex={0} aria-label={t('deviceSettings.wizard.rebootNote')}>
                {t('deviceSettings.wizard.rebootBadge')}
              </Badge>
            </Tooltip>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

function ValueField({ item, label, value, onValue, problem, pools }: { item: CatalogueItem; label: string; value: SettingValue | undefined; onValue(value: SettingValue | undefined): void; problem: string | null; pools: readonly IpPool[] | null }) {
  const { t } = useTranslation();
  const type = item.type;
  switch (type.kind) {
    case 'text': {
      const text = typeof value === 'string' ? value : '';
      const length = [...text].length;
      return (
        <TextInput
          size="xs"
          aria-label={label}
          value={text}
          onChange={(event) => onValue(event.currentTarget.value)}
          error={problem}
          description={item.id === 'dnsHostName' ? t('deviceSettings.fields.hostNameHint') : undefined}
          inputWrapperOrder={['input', 'description', 'error']}
          rightSectionWidth={76}
          rightSectionPointerEvents="none"
          rightSection={
            <Text size="xs" c={length > type.maxLength ? 'red' : 'dimmed'} title={t('deviceSettings.fields.limit', { max: type.maxLength, count: length })} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {length}/{type.maxLength}
            </Text>
          }
        />
      );
    }
    case 'ipv4':
      return <TextInput size="xs" aria-label={label} placeholder="192.168.1.20" value={typeof value === 'string' ? value : ''} onChange={(event) => onValue(event.currentTarget.value.trim())} error={problem} w={220} />;
    case 'switch':
      return (
        <Stack gap={2}>
          <SegmentedControl
            size="xs"
            aria-label={label}
            w={160}
            value={value === false ? 'off' : 'on'}
            onChange={(next) => onValue(next === 'on')}
            data={[
              { value: 'on', label: t('deviceSettings.fields.on') },
              { value: 'off', label: t('deviceSettings.fields.off') },
            ]}
          />
          {problem !== null && (
            <Text size="xs" c="red">
              {problem}
            </Text>
          )}
        </Stack>
      );
    case 'choice':
      return (
        <NativeSelect
          size="xs"
          aria-label={label}
          w={220}
          value={typeof value === 'string' ? value : (type.options[0] ?? '')}
          onChange={(event) => onValue(event.currentTarget.value)}
          data={type.options.map((option) => ({ value: option, label: choiceLabel(t, item.id, option) }))}
          error={problem}
        />
      );
    case 'pool': {
      const list = pools ?? [];
      return (
        <Stack gap={2}>
          <NativeSelect
            size="xs"
            aria-label={label}
            w={320}
            value={typeof value === 'number' ? String(value) : ''}
            onChange={(event) => onValue(event.currentTarget.value === '' ? undefined : Number(event.currentTarget.value))}
            data={[
              { value: '', label: t('deviceSettings.fields.poolPlaceholder') },
              ...list.map((pool) => ({ value: String(pool.id), label: t('deviceSettings.fields.poolOption', { name: pool.name, free: Math.max(0, pool.size - pool.used), size: pool.size }) })),
            ]}
            error={problem}
            description={pools !== null && list.length === 0 ? t('deviceSettings.fields.noPools') : t('deviceSettings.fields.volatile')}
            inputWrapperOrder={['input', 'description', 'error']}
          />
        </Stack>
      );
    }
  }
}
