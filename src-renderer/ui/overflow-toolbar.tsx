import { Button, Group, Menu } from '@mantine/core';
import { Fragment, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icons';

export interface ToolbarItem {
  key: string;
  /** The item in the bar: a button, or a button opening its own menu. */
  inline: ReactNode;
  /** The same item in the "More" menu: Menu.Item(s), or a Menu.Sub for an item that is a menu. */
  menu: ReactNode;
}

/**
 * A toolbar that never wraps (issue 14): the items that do not fit the width go, from the end,
 * into a "More" menu, and come back as the window (or a panel beside it) gets wider. "More" and
 * `pinned` (an icon button, say) stay at the right end. Every item stays mounted in the bar (those that
 * do not fit are hidden and inert) so that its width is known without rendering it twice.
 * Written here rather than taken from a library: Mantine has no overflow menu, and the measuring
 * is a dozen lines over a ResizeObserver.
 */
export function OverflowToolbar({ items, pinned, moreLabel, testId }: { items: readonly ToolbarItem[]; pinned?: ReactNode; moreLabel: string; testId?: string }) {
  const barRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(items.length);

  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const measure = () => {
      const limit = bar.clientWidth;
      const gap = Number.parseFloat(getComputedStyle(bar).columnGap) || 0;
      // Every item is measured, shown or not (the hidden ones are out of the flow, not unrendered).
      const widths = Array.from(bar.children).flatMap((child) => (child instanceof HTMLElement ? [child.offsetWidth] : []));
      const total = widths.reduce((sum, width, i) => sum + (i > 0 ? gap : 0) + width, 0);
      // Were every item shown, "More" would go and leave its room to them (a pixel of slack for sub-pixel widths).
      const more = moreRef.current ? moreRef.current.offsetWidth + gap : 0;
      if (total <= limit + more + 1) {
        setFit(widths.length);
        return;
      }
      let used = 0;
      let count = 0;
      for (const width of widths) {
        used += (count > 0 ? gap : 0) + width;
        if (used > limit + 1) break;
        count += 1;
      }
      setFit(count);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    for (const child of Array.from(bar.children)) observer.observe(child);
    return () => observer.disconnect();
  }, [items.length]);

  const overflow = items.slice(fit);
  return (
    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, width: '100%' }} data-testid={testId} data-shown={fit} data-overflow={overflow.length}>
      <div ref={barRef} style={{ display: 'flex', gap: 'var(--mantine-spacing-xs)', flexWrap: 'nowrap', overflow: 'hidden', position: 'relative', flex: '1 1 0', minWidth: 0 }}>
        {items.map((item, index) => {
          const hidden = index >= fit;
          return (
            <div
              key={item.key}
              // Out of the flow and invisible, but still laid out: its width stays known.
              style={hidden ? { position: 'absolute', top: 0, left: 0, visibility: 'hidden', flexShrink: 0 } : { flexShrink: 0 }}
              aria-hidden={hidden || undefined}
              inert={hidden || undefined}
              data-toolbar-item={item.key}
            >
              {item.inline}
            </div>
          );
        })}
      </div>
      {overflow.length > 0 && (
        <div ref={moreRef} style={{ flexShrink: 0 }}>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" leftSection={<Icon name="dots" size={16} />} aria-label={moreLabel} data-testid="toolbar-more" style={{ flexShrink: 0 }}>
                {moreLabel}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {overflow.map((item) => (
                <Fragment key={item.key}>{item.menu}</Fragment>
              ))}
            </Menu.Dropdown>
          </Menu>
        </div>
      )}
      {pinned}
    </Group>
  );
}
