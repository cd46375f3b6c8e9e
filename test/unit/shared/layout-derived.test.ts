import { describe, expect, it } from 'vitest';
import { readCounters } from '../../../src-shared/printer/counter-reader';
import { readSupplies, readTrays } from '../../../src-shared/printer/supply-table.reader';
import { LayoutDerived, MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

const LEVEL = '1.3.6.1.2.1.43.11.1.1.9';
const DESCRIPTION = '1.3.6.1.2.1.43.11.1.1.6';
const MAX = '1.3.6.1.2.1.43.11.1.1.8';
const TRAY_NAME = '1.3.6.1.2.1.43.8.2.1.13';
const TRAY_LEVEL = '1.3.6.1.2.1.43.8.2.1.10';

const text = (s: string): VarBind['value'] => ({ type: 'OctetString', value: new TextEncoder().encode(s) });
const int = (n: number): VarBind['value'] => ({ type: 'Integer', value: n });

function printer(level: number, description = 'Black Toner'): VarBind[] {
  return [
    { oid: `${DESCRIPTION}.1.1`, value: text(description) },
    { oid: `${MAX}.1.1`, value: int(100) },
    { oid: `${LEVEL}.1.1`, value: int(level) },
    { oid: `${TRAY_NAME}.1.1`, value: text('Tray 1') },
    { oid: `${TRAY_LEVEL}.1.1`, value: int(250) },
  ];
}

/** Counts how often the rows of a column are worked out. */
function countingRows(column: string): { derived: LayoutDerived<string[]>; builds: () => number } {
  let builds = 0;
  const derived = new LayoutDerived((snapshot) => {
    builds++;
    return snapshot.column(column).map((row) => row.index);
  });
  return { derived, builds: () => builds };
}

describe('MibSnapshot.derived', () => {
  it('is worked out once for all packed snapshots of one layout, whatever their values', () => {
    const { derived, builds } = countingRows(LEVEL);
    const a = new MibSnapshot(printer(40));
    const b = new MibSnapshot(printer(90, 'Cyan Toner'));
    a.compact();
    b.compact();
    expect(a.derived(derived)).toEqual(['1.1']);
    expect(b.derived(derived)).toEqual(['1.1']);
    a.set([{ oid: `${LEVEL}.1.1`, value: int(39) }]);
    expect(a.derived(derived)).toEqual(['1.1']);
    expect(builds()).toBe(1);
  });

  it('is worked out again when a row appears or disappears', () => {
    const { derived } = countingRows(LEVEL);
    const snapshot = new MibSnapshot(printer(40));
    snapshot.compact();
    expect(snapshot.derived(derived)).toEqual(['1.1']);
    snapshot.set([{ oid: `${LEVEL}.1.2`, value: int(70) }]);
    expect(snapshot.derived(derived)).toEqual(['1.1', '1.2']);
    snapshot.compact();
    expect(snapshot.derived(derived)).toEqual(['1.1', '1.2']);
    snapshot.set([{ oid: `${LEVEL}.1.1`, value: { type: 'NoSuchInstance', value: null } }]);
    expect(snapshot.derived(derived)).toEqual(['1.2']);
    snapshot.removeSubtree(LEVEL);
    expect(snapshot.derived(derived)).toEqual([]);
  });
});

describe('supply and tray rows kept per layout', () => {
  it('read each device its own values through the shared rows', () => {
    const a = new MibSnapshot(printer(40));
    const b = new MibSnapshot(printer(90, 'Cyan Toner'));
    a.compact();
    b.compact();
    expect(readSupplies(a).map((s) => [s.index, s.description, s.level])).toEqual([['1.1', 'Black Toner', 40]]);
    expect(readSupplies(b).map((s) => [s.index, s.description, s.level])).toEqual([['1.1', 'Cyan Toner', 90]]);
    b.set([{ oid: `${LEVEL}.1.1`, value: int(85) }]);
    expect(readSupplies(b)[0]?.level).toBe(85);
    expect(readTrays(a).map((t) => [t.index, t.name, t.level])).toEqual([['1.1', 'Tray 1', 250]]);
  });

  it('show a supply row a device gained, and drop one it lost', () => {
    const snapshot = new MibSnapshot(printer(40));
    snapshot.compact();
    expect(readSupplies(snapshot)).toHaveLength(1);
    snapshot.set([
      { oid: `${DESCRIPTION}.1.2`, value: text('Drum') },
      { oid: `${LEVEL}.1.2`, value: int(60) },
    ]);
    expect(readSupplies(snapshot).map((s) => s.description)).toEqual(['Black Toner', 'Drum']);
    snapshot.compact();
    snapshot.set([
      { oid: `${DESCRIPTION}.1.1`, value: { type: 'NoSuchInstance', value: null } },
      { oid: `${LEVEL}.1.1`, value: { type: 'NoSuchInstance', value: null } },
    ]);
    expect(readSupplies(snapshot).map((s) => s.description)).toEqual(['Drum']);
  });
});

describe('marker rows kept per layout', () => {
  const LIFE = '1.3.6.1.2.1.43.10.2.1.4';
  const UNIT = '1.3.6.1.2.1.43.10.2.1.3';
  const counter = (n: number): VarBind['value'] => ({ type: 'Counter32', value: n });
  const markers = (pages: number): VarBind[] => [
    { oid: `${UNIT}.1.1`, value: int(7) },
    { oid: `${LIFE}.1.1`, value: counter(pages) },
    { oid: `${UNIT}.2.1`, value: int(7) },
    { oid: `${LIFE}.2.1`, value: counter(5) },
  ];

  it('read each device its own counts, for its own printer row only', () => {
    const a = new MibSnapshot(markers(100));
    const b = new MibSnapshot(markers(900));
    a.compact();
    b.compact();
    expect(readCounters(a, '1').map((c) => [c.name, c.value])).toEqual([['total', 100]]);
    expect(readCounters(b, '1').map((c) => [c.name, c.value])).toEqual([['total', 900]]);
    expect(readCounters(b, '2').map((c) => [c.name, c.value])).toEqual([['total', 5]]);
    expect(readCounters(b, null).map((c) => [c.name, c.value])).toEqual([['total', 905]]);
    b.set([{ oid: `${LIFE}.1.1`, value: counter(950) }]);
    expect(readCounters(b, '1').map((c) => c.value)).toEqual([950]);
  });

  it('count a marker a device gained', () => {
    const snapshot = new MibSnapshot(markers(100));
    snapshot.compact();
    expect(readCounters(snapshot, '1').map((c) => c.value)).toEqual([100]);
    snapshot.set([
      { oid: `${UNIT}.1.2`, value: int(7) },
      { oid: `${LIFE}.1.2`, value: counter(50) },
    ]);
    expect(readCounters(snapshot, '1').map((c) => c.value)).toEqual([150]);
  });
});
