import { describe, expect, it } from 'vitest';
import { pollProgressView } from '../../../src-renderer/app/poll-progress';

describe('poll progress in the header', () => {
  it('is hidden before any round was reported', () => {
    expect(pollProgressView(null)).toEqual({ visible: false });
  });

  it('shows done / total and the percentage while a round runs', () => {
    expect(pollProgressView({ done: 120, total: 200, finished: false })).toEqual({ visible: true, done: 120, total: 200, percent: 60 });
    expect(pollProgressView({ done: 0, total: 3, finished: false })).toEqual({ visible: true, done: 0, total: 3, percent: 0 });
  });

  it('is hidden once the round finished, even with devices left unread', () => {
    expect(pollProgressView({ done: 200, total: 200, finished: true })).toEqual({ visible: false });
    expect(pollProgressView({ done: 50, total: 200, finished: true })).toEqual({ visible: false });
  });

  it('is hidden for a round with nothing to read (an empty fleet)', () => {
    expect(pollProgressView({ done: 0, total: 0, finished: false })).toEqual({ visible: false });
  });

  it('never shows more than the total or less than zero', () => {
    expect(pollProgressView({ done: 250, total: 200, finished: false })).toEqual({ visible: true, done: 200, total: 200, percent: 100 });
    expect(pollProgressView({ done: -1, total: 200, finished: false })).toEqual({ visible: true, done: 0, total: 200, percent: 0 });
  });
});
