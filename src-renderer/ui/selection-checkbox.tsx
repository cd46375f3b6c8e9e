import { Checkbox } from '@mantine/core';
import { memo, type KeyboardEvent, type MouseEvent } from 'react';

/**
 * The check boxes of the selection column every table shares (`row-selection.ts`): one per row
 * (Shift+click: the range from the last row clicked) and "select all the rows shown" in the
 * header. A click on a box never reaches the row (which would select only that row or open it).
 */
export const RowCheckbox = memo(function RowCheckbox({ id, checked, label, onToggle }: { id: number; checked: boolean; label: string; onToggle(id: number, shift: boolean): void }) {
  return (
    <Checkbox
      size="xs"
      checked={checked}
      // The click handler acts (it knows Shift); the change event would act a second time.
      onChange={() => undefined}
      onClick={(event: MouseEvent<HTMLInputElement>) => {
        event.stopPropagation();
        onToggle(id, event.shiftKey);
      }}
      onKeyDown={stopKeys}
      onDoubleClick={(event: MouseEvent) => event.stopPropagation()}
      aria-label={label}
      data-testid="row-checkbox"
      styles={{ input: { cursor: 'pointer' } }}
    />
  );
});

/** "Select all the rows shown" (indeterminate while some are); `label` names how many. */
export function SelectAllCheckbox({ state, label, disabled, onToggle }: { state: 'none' | 'some' | 'all'; label: string; disabled?: boolean; onToggle(): void }) {
  return (
    <Checkbox
      size="xs"
      checked={state === 'all'}
      indeterminate={state === 'some'}
      disabled={disabled}
      onChange={onToggle}
      onKeyDown={stopKeys}
      aria-label={label}
      title={label}
      data-testid="select-all"
      styles={{ input: { cursor: 'pointer' } }}
    />
  );
}

/** Space and arrows on a box are the box's; the table around it must not also move or pick. */
function stopKeys(event: KeyboardEvent) {
  event.stopPropagation();
}
