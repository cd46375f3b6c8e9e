import { describe, expect, it } from 'vitest';
import { allows, builtInPermissions, CORE_FUNCTIONS, type Caller } from '../../../src-shared/auth/access';
import { eventAccess } from '../../../src-shared/contract/app.contract';

const viewer: Caller = { userId: 1, userName: 'v', displayName: 'v', administrator: false, permissions: { ...builtInPermissions('viewer', CORE_FUNCTIONS), 'addressbook.books': 'view' } };
const noBooks: Caller = { ...viewer, permissions: builtInPermissions('viewer', CORE_FUNCTIONS) };

describe('who receives a plug-in data event', () => {
  it('only users who may view the function the event names', () => {
    const access = eventAccess('plugin.data', { plugin: 'addressbook', topic: 'books', function: 'addressbook.books', ids: [1] });
    expect(allows(viewer, access)).toBe(true);
    expect(allows(noBooks, access)).toBe(false);
    expect(allows(null, access)).toBe(false);
  });

  it('an event without a function reaches nobody but administrators', () => {
    const access = eventAccess('plugin.data', { plugin: 'x', topic: 't', function: '', ids: [] });
    expect(allows(viewer, access)).toBe(false);
    expect(allows({ ...viewer, administrator: true }, access)).toBe(true);
  });

  it('core events keep their declared access', () => {
    expect(eventAccess('devices.changed', { ids: [], removed: [] })).toEqual({ kind: 'function', function: 'deviceList', level: 'view' });
  });
});
