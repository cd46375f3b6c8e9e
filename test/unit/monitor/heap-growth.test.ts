import { describe, expect, it } from 'vitest';
import { moderateHeapGrowth } from '../../../src-main/core/monitor/heap-growth';

describe('moderating V8 heap growth for a poller', () => {
  it('leaves a growth the host was started with alone, applies its own once, and refuses a nonsense percentage', () => {
    expect(moderateHeapGrowth(50, {}, ['--heap-growing-percent=80'])).toBe(false);
    expect(moderateHeapGrowth(50, { NODE_OPTIONS: '--max-old-space-size=4096 --heap-growing-percent=80' }, [])).toBe(false);
    expect(moderateHeapGrowth(0, {}, [])).toBe(false);
    expect(moderateHeapGrowth(50, {}, [])).toBe(true);
    expect(moderateHeapGrowth(50, {}, [])).toBe(false);
  });
});
