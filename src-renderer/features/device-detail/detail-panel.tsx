import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DetailMode } from '../../app/panel-layout';
import { ResizeHandle } from '../../ui/resize-handle';
import { DeviceDetailPane } from './device-detail-pane';

interface DetailPanelProps {
  id: number;
  /** Beside the list (the list leaves room for it) or floating over it in a narrow window. */
  mode: DetailMode;
  width: number;
  min: number;
  max: number;
  /** Where the panel starts (below the header). */
  top: number;
  onResize(width: number): void;
}

/**
 * Where the device details open: a panel on the right edge of the window, resizable by its left
 * edge (remembered). Docked, the list is narrowed by the panel's width; as an overlay (a window
 * too narrow to keep the list readable beside it) it floats over the list's right-hand columns
 * with a shadow, and the list keeps all its columns.
 */
export function DetailPanel({ id, mode, width, min, max, top, onResize }: DetailPanelProps) {
  const { t } = useTranslation();
  return (
    <Paper
      component="aside"
      radius={0}
      shadow={mode === 'overlay' ? 'xl' : undefined}
      data-testid="detail-panel"
      data-mode={mode}
      style={{
        position: 'fixed',
        top,
        right: 0,
        bottom: 0,
        width,
        zIndex: mode === 'overlay' ? 150 : 100,
        borderLeft: '1px solid var(--mantine-color-default-border)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <ResizeHandle width={width} min={min} max={max} edge="left" label={t('layout.resizeDetail')} onResize={onResize} testId="detail-resize" />
      <div style={{ flex: 1, minHeight: 0, minWidth: 0 }}>
        <DeviceDetailPane key={id} id={id} />
      </div>
    </Paper>
  );
}
