import { describe, expect, it } from 'vitest';
import { SYSTEM_GROUP } from '../../../src-shared/mib/mib2.oids';
import { PRT_ALERT_TABLE as A, PRT_INPUT_TABLE as I, PRT_MARKER_SUPPLIES_TABLE as S } from '../../../src-shared/mib/printer-mib.oids';
import { interpretStandard } from '../../../src-shared/printer/interpret-standard';
import { routineReadPlan } from '../../../src-shared/printer/read-plan';
import { unreadableValues } from '../../../src-shared/printer/unreadable-values';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { decodeSnapshot, encodeSnapshot } from '../../../src-shared/snmp/snapshot-codec';
import { TOO_BIG_VALUE, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { int, text } from '../../helpers/printer-mib-builders';

/**
 * A value the agent could not send (TooBig, our own mark): the snapshot keeps it through every
 * form it takes, the decoders read it as absent, and the reading says what it was.
 */

const tooBig = (oid: string): VarBind => ({ oid, value: TOO_BIG_VALUE });

function printer(): VarBind[] {
  return [
    text(SYSTEM_GROUP.sysName, 'PRN-1'),
    tooBig(SYSTEM_GROUP.sysDescr),
    int(`${S.prtMarkerSuppliesClass}.1.1`, 3),
    tooBig(`${S.prtMarkerSuppliesDescription}.1.1`),
    int(`${S.prtMarkerSuppliesMaxCapacity}.1.1`, 100),
    int(`${S.prtMarkerSuppliesLevel}.1.1`, 40),
    text(`${S.prtMarkerSuppliesDescription}.1.2`, 'Cyan Toner'),
    int(`${S.prtMarkerSuppliesLevel}.1.2`, 50),
    int(`${I.prtInputMaxCapacity}.1.1`, 250),
    int(`${I.prtInputCurrentLevel}.1.1`, 100),
    tooBig(`${I.prtInputName}.1.1`),
    int(`${A.prtAlertSeverityLevel}.1.1`, 4),
    int(`${A.prtAlertGroup}.1.1`, 11),
    int(`${A.prtAlertGroupIndex}.1.1`, 1),
    int(`${A.prtAlertCode}.1.1`, 1104),
    tooBig(`${A.prtAlertDescription}.1.1`),
  ];
}

describe('TooBig values', () => {
  it('are kept by the snapshot (other exceptions remove their OID), in the map and the packed form, and through the codec', () => {
    const snapshot = new MibSnapshot(printer());
    snapshot.set([{ oid: `${S.prtMarkerSuppliesLevel}.1.2`, value: { type: 'NoSuchInstance', value: null } }]);
    expect(snapshot.has(`${S.prtMarkerSuppliesLevel}.1.2`)).toBe(false);
    expect(snapshot.get(SYSTEM_GROUP.sysDescr)).toEqual(TOO_BIG_VALUE);
    const marked = [SYSTEM_GROUP.sysDescr, `${I.prtInputName}.1.1`, `${S.prtMarkerSuppliesDescription}.1.1`, `${A.prtAlertDescription}.1.1`].sort();
    expect(snapshot.oidsOfType('TooBig').sort()).toEqual(marked);
    snapshot.compact();
    expect(snapshot.get(SYSTEM_GROUP.sysDescr)).toEqual(TOO_BIG_VALUE);
    expect(snapshot.holds(SYSTEM_GROUP.sysDescr, TOO_BIG_VALUE), 'read again the same: nothing changed').toBe(true);
    snapshot.set([tooBig(`${S.prtMarkerSuppliesDescription}.1.1`)]);
    expect(snapshot.oidsOfType('TooBig').sort()).toEqual(marked);
    const back = decodeSnapshot(encodeSnapshot(snapshot));
    expect(back.toVarBinds()).toEqual(snapshot.toVarBinds());
  });

  it('read as absent, with generated texts that say the device’s own text was too large', () => {
    const reading = interpretStandard(new MibSnapshot(printer()));
    expect(reading.identity.sysDescr).toBeNull();
    expect(reading.identity.sysName).toBe('PRN-1');
    expect(reading.supplies.map((s) => s.description)).toEqual(['Supply 1 (description too large to read)', 'Cyan Toner']);
    expect(reading.supplies[0]?.percent).toBe(40);
    expect(reading.trays.map((t) => t.name)).toEqual(['Tray 1 (name too large to read)']);
    expect(reading.alerts.map((a) => a.description)).toEqual(['Marker toner almost empty (description too large to read)']);
  });

  it('are listed with the place in the reading where they would show; profile OIDs by the profile’s names', () => {
    const snapshot = new MibSnapshot([...printer(), tooBig('1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0'), tooBig('1.3.6.1.4.1.99.1.0'), tooBig(A.prtAlertDescription)]);
    const fields = new Map([['1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0', 'identity.serial']]);
    expect(unreadableValues(snapshot, fields)).toEqual([
      { field: 'identity.sysDescr', oid: SYSTEM_GROUP.sysDescr, reason: 'too-large' },
      { field: 'trays[1.1].name', oid: `${I.prtInputName}.1.1`, reason: 'too-large' },
      { field: 'supplies[1.1].description', oid: `${S.prtMarkerSuppliesDescription}.1.1`, reason: 'too-large' },
      { field: 'alerts[*].description', oid: A.prtAlertDescription, reason: 'too-large' },
      { field: 'alerts[1.1].description', oid: `${A.prtAlertDescription}.1.1`, reason: 'too-large' },
      { field: 'identity.serial', oid: '1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0', reason: 'too-large' },
      { field: '1.3.6.1.4.1.99.1.0', oid: '1.3.6.1.4.1.99.1.0', reason: 'too-large' },
    ]);
  });

  it('are not asked for again by routine polls', () => {
    const snapshot = new MibSnapshot([...printer(), tooBig(`${S.prtMarkerSuppliesLevel}.1.3`), text(`${S.prtMarkerSuppliesDescription}.1.3`, 'Magenta')]);
    expect(routineReadPlan(snapshot).get.filter((oid) => oid.startsWith(`${S.prtMarkerSuppliesLevel}.`))).toEqual([`${S.prtMarkerSuppliesLevel}.1.1`, `${S.prtMarkerSuppliesLevel}.1.2`]);
  });
});
