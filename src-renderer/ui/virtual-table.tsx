import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { SelectAllCheckbox, RowCheckbox } from './selection-checkbox';
import type { RowSelectionHandle } from './use-row-selection';
import classes from './virtual-table.module.css';

export interface VirtualColumn<C extends string> {
  id: C;
  header: string;
  /** Shown in the header instead of `header` (a select-all check box); `header` stays its name. */
  headerContent?: ReactNode;
  /** A CSS grid track: '90px', 'minmax(120px, 1fr)'. */
  width: string;
  numeric?: boolean;
}

interface VirtualTableProps<C extends string> {
  label: string;
  columns: readonly VirtualColumn<C>[];
  count: number;
  rowKey(index: number): string | number;
  cell(index: number, column: C): ReactNode;
  /** Height of the scrolling box (CSS). */
  height: string | number;
  empty?: ReactNode;
  /** data-testid of each row. */
  rowTestId?: string;
  /** Extra data-* attributes per row (for tests and styling). */
  rowData?(index: number): Record<`data-${string}`, string | undefined>;
  /** Rows can be picked (click, Enter, arrows) when given. */
  selectedIndex?: number | null;
  onSelect?(index: number): void;
  /** Check-box selection of many rows (the shared model, `use-row-selection.ts`): a column of boxes with "select all" in its header. */
  selection?: TableSelection;
}

/** What the table needs of a `useRowSelection` handle, and how to name a row's box. */
export interface TableSelection extends Pick<RowSelectionHandle, 'value' | 'allState' | 'clickBox' | 'toggleAll'> {
  rowId(index: number): number | undefined;
  /** "Select <row>", for screen readers. */
  rowLabel(index: number): string;
  /** "Select all N shown". */
  selectAllLabel: string;
}

const ROW_HEIGHT = 34;
const SELECT_TRACK = '24px';
const HEADER_HEIGHT = 32;

/**
 * A table of thousands of rows that stays fast: @tanstack/react-virtual (as the device list)
 * renders only the rows in view. Optionally a row can be picked with mouse and keyboard
 * (`onSelect`), and many selected with check boxes (`selection`; Space toggles the focused row's).
 */
export function VirtualTable<C extends string>(props: VirtualTableProps<C>) {
  const { label, columns, count, rowKey, cell, height, empty, rowTestId, rowData, selectedIndex = null, onSelect, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    getItemKey: rowKey,
  });
  const template = [...(selection ? [SELECT_TRACK] : []), ...columns.map((c) => c.width)].join(' ');
  const selectable = onSelect !== undefined || selection !== undefined;
  const isSelected = (index: number): boolean => {
    if (!selection) return index === selectedIndex;
    const id = selection.rowId(index);
    return id !== undefined && selection.value.selected.has(id);
  };

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const id = selection?.rowId(index);
    if (selection && id !== undefined && event.key === ' ') {
      event.preventDefault();
      selection.clickBox(id, event.shiftKey);
      return;
    }
    if (!onSelect) return;
    const target = event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Enter' || event.key === ' ' ? index : null;
    if (target === null || target < 0 || target >= count) return;
    event.preventDefault();
    onSelect(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // Keep the keyboard on the row just picked once it is rendered.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`)?.focus());
  };

  return (
    // A table whose rows take no focus is itself a tab stop, so the keyboard can scroll it (WCAG 2.1.1; axe scrollable-region-focusable).
    <div ref={scrollRef} className={classes.scroller} style={{ height }} role={selectable ? 'grid' : 'table'} aria-label={label} aria-rowcount={count + 1} tabIndex={onSelect || selection ? undefined : 0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%' }}>
        <div className={classes.header} role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {selection && (
            <div role="columnheader" className={classes.cell} aria-label={selection.selectAllLabel}>
              <SelectAllCheckbox state={selection.allState} label={selection.selectAllLabel} disabled={count === 0} onToggle={selection.toggleAll} />
            </div>
          )}
          {columns.map((column) => (
            <div key={column.id} role="columnheader" title={column.header} className={`${classes.cell} ${column.numeric ? classes.numeric : ''}`}>
              {column.headerContent ?? column.header}
            </div>
          ))}
        </div>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            role="row"
            aria-rowindex={item.index + 2}
            aria-selected={selectable ? isSelected(item.index) : undefined}
            data-selectable={onSelect !== undefined}
            data-row-index={item.index}
            data-testid={rowTestId}
            tabIndex={selectable ? (item.index === (selectedIndex ?? 0) ? 0 : -1) : undefined}
            className={classes.row}
            style={{ gridTemplateColumns: template, top: item.start, height: ROW_HEIGHT }}
            onClick={onSelect ? () => onSelect(item.index) : undefined}
            onKeyDown={selectable ? (event) => onKeyDown(event, item.index) : undefined}
            {...rowData?.(item.index)}
          >
            {selection && <SelectCell selection={selection} index={item.index} />}
            {columns.map((column) => (
              <div key={column.id} role={selectable ? 'gridcell' : 'cell'} className={`${classes.cell} ${column.numeric ? classes.numeric : ''}`}>
                {cell(item.index, column.id)}
              </div>
            ))}
          </div>
        ))}
      </div>
      {count === 0 && empty !== undefined && <div className={classes.empty}>{empty}</div>}
    </div>
  );
}

function SelectCell({ selection, index }: { selection: TableSelection; index: number }) {
  const id = selection.rowId(index);
  return (
    <div role="gridcell" className={classes.cell}>
      {id !== undefined && <RowCheckbox id={id} checked={selection.value.selected.has(id)} label={selection.rowLabel(index)} onToggle={selection.clickBox} />}
    </div>
  );
}
