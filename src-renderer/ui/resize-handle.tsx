import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import classes from './resize-handle.module.css';

const KEY_STEP = 16;

interface ResizeHandleProps {
  /** The panel's width now (px). */
  width: number;
  min: number;
  max: number;
  /** Which edge of the panel the handle sits on: dragging away from the panel widens it. */
  edge: 'left' | 'right';
  /** "Width of the group list", for screen readers. */
  label: string;
  onResize(width: number): void;
  testId?: string;
}

/**
 * A drag handle on a panel's edge (a vertical splitter): pointer drag, or the arrow keys (16 px),
 * Home and End when focused. Written here rather than taken from a splitter library: the two
 * panels it serves are Mantine's AppShell navbar and a fixed panel, which own their own sizing,
 * and all they need is a width.
 */
export function ResizeHandle({ width, min, max, edge, label, onResize, testId }: ResizeHandleProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sign = edge === 'right' ? 1 : -1;

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const start = drag.current;
    if (start) onResize(Math.min(max, Math.max(min, start.width + sign * (event.clientX - start.x))));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const next: Record<string, number> = { ArrowRight: width + sign * KEY_STEP, ArrowLeft: width - sign * KEY_STEP, Home: min, End: max };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onResize(Math.min(max, Math.max(min, target)));
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={Math.round(width)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={label}
      className={classes.handle}
      data-edge={edge}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
