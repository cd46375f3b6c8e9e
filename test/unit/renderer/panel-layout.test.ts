import { describe, expect, it } from 'vitest';
import { clampDetail, clampSidebar, DEFAULT_PANEL_WIDTHS, DETAIL_LIMITS, detailMode, MIN_LIST_WIDTH, parsePanelWidths, SIDEBAR_LIMITS } from '../../../src-renderer/app/panel-layout';

describe('the device view’s panel widths', () => {
  it('puts the details beside the list while the list keeps its width, and over it in a narrower window', () => {
    // 1440 − 240 − 420 = 780: the list keeps its columns.
    expect(detailMode(1440, 240, 420)).toBe('docked');
    // 1280 − 240 − 420 = 620: docked, the list would show four columns; the details float over it.
    expect(detailMode(1280, 240, 420)).toBe('overlay');
    // The same window with the group list folded away (a drawer) has room.
    expect(detailMode(1280, 0, 420)).toBe('docked');
    expect(detailMode(240 + 420 + MIN_LIST_WIDTH, 240, 420)).toBe('docked');
    expect(detailMode(240 + 420 + MIN_LIST_WIDTH - 1, 240, 420)).toBe('overlay');
  });

  it('keeps a dragged width within its limits, and the details never wider than the window leaves', () => {
    expect(clampSidebar(10)).toBe(SIDEBAR_LIMITS.min);
    expect(clampSidebar(5000)).toBe(SIDEBAR_LIMITS.max);
    expect(clampSidebar(301.6)).toBe(302);
    expect(clampDetail(100, 1440)).toBe(DETAIL_LIMITS.min);
    expect(clampDetail(5000, 1920)).toBe(DETAIL_LIMITS.max);
    // 720 wide: at most 720 − 240, a strip of the list stays visible beside the overlay.
    expect(clampDetail(700, 720)).toBe(480);
    // A phone-narrow window: the panel's least width, and never more than the window.
    expect(clampDetail(420, 360)).toBe(DETAIL_LIMITS.min);
    expect(clampDetail(420, 300)).toBe(300);
  });

  it('reads remembered widths leniently: junk, missing or out-of-range values give their defaults or limits', () => {
    expect(parsePanelWidths(null)).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(parsePanelWidths('not json')).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(parsePanelWidths('[1,2]')).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(parsePanelWidths('{"sidebar":"wide","detail":null}')).toEqual(DEFAULT_PANEL_WIDTHS);
    expect(parsePanelWidths('{"sidebar":320,"detail":99999}')).toEqual({ sidebar: 320, detail: DETAIL_LIMITS.max });
    expect(parsePanelWidths('{"sidebar":-5}')).toEqual({ sidebar: SIDEBAR_LIMITS.min, detail: DEFAULT_PANEL_WIDTHS.detail });
  });
});
