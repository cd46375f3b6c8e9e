import { describe, expect, it } from 'vitest';
import { deriveStatus, type StatusAlert, type StatusInput } from '../../../src-shared/status/status-deriver';
import { aSupply, aTray } from '../../helpers/printer-mib-builders';

const RUNNING = 2;
const IDLE = 3;

function input(overrides: Partial<StatusInput> = {}): StatusInput {
  return { deviceStatus: RUNNING, printerStatus: IDLE, conditions: [], alerts: [], supplies: [], trays: [], ...overrides };
}

function anAlert(overrides: Partial<StatusAlert> = {}): StatusAlert {
  return { severity: 'warning', training: 'untrained', code: 'other', group: 'generalPrinter', description: 'Something', supply: null, tray: null, ...overrides };
}

const toners = [
  aSupply({ index: '1.1', color: 'black', description: 'Black Toner', percent: 60 }),
  aSupply({ index: '1.2', color: 'cyan', description: 'Cyan Toner', percent: 8 }),
  aSupply({ index: '1.3', color: 'magenta', description: 'Magenta Toner', percent: 15 }),
  aSupply({ index: '1.4', color: 'yellow', description: 'Yellow Toner', percent: 0 }),
  aSupply({ index: '1.5', type: 'opc', color: null, description: 'Drum Unit', percent: 12 }),
];
const bypass = aTray({ index: '1.1', name: 'Bypass Tray', type: 'sheetFeedManual', percent: 0, quality: 'coarse', level: 0, max: 100 });
const tray1 = aTray({ index: '1.2', name: 'Tray 1', percent: null, quality: 'coarse', level: -3 });
const tray2Empty = aTray({ index: '1.3', name: 'Tray 2', percent: 0, level: 0 });

describe('deriveStatus without problems', () => {
  it('says what the printer is doing', () => {
    expect(deriveStatus(input())).toEqual({ state: 'ok', message: 'Ready', conditions: [] });
    expect(deriveStatus(input({ printerStatus: 4 })).message).toBe('Printing');
    expect(deriveStatus(input({ printerStatus: 5 })).message).toBe('Warming up');
    expect(deriveStatus(input({ deviceStatus: 4, printerStatus: 1 })).message).toBe('Testing');
  });

  it('calls a running device with an "other"/"unknown"/absent printer status ready', () => {
    for (const printerStatus of [1, 2, null]) expect(deriveStatus(input({ printerStatus }))).toMatchObject({ state: 'ok', message: 'Ready' });
  });

  it('is unknown when neither HOST-RESOURCES status says anything', () => {
    expect(deriveStatus(input({ deviceStatus: null, printerStatus: null }))).toMatchObject({ state: 'unknown', message: 'Status unknown' });
    expect(deriveStatus(input({ deviceStatus: 1, printerStatus: 2 }))).toMatchObject({ state: 'unknown' });
  });
});

describe('deriveStatus from hrPrinterDetectedErrorState conditions', () => {
  it.each([
    ['jammed', 'error', 'Paper jam'],
    ['doorOpen', 'error', 'Door open'],
    ['serviceRequested', 'error', 'Service requested'],
    ['offline', 'error', 'Offline'],
    ['outputFull', 'error', 'Output tray full'],
    ['markerSupplyMissing', 'error', 'Supply missing'],
    ['inputTrayMissing', 'error', 'Tray missing'],
    ['noToner', 'error', 'Toner empty'],
    ['noPaper', 'error', 'Out of paper'],
    ['lowToner', 'warning', 'Toner low'],
    ['lowPaper', 'warning', 'Paper low'],
    ['outputNearFull', 'warning', 'Output tray almost full'],
    ['outputTrayMissing', 'warning', 'Output tray missing'],
    ['overduePreventMaint', 'warning', 'Maintenance overdue'],
    ['inputTrayEmpty', 'warning', 'Tray empty'],
  ] as const)('%s → %s "%s"', (condition, state, message) => {
    expect(deriveStatus(input({ conditions: [condition] }))).toEqual({ state, message, conditions: [condition] });
  });

  it('puts the most important first: errors before warnings, jams before toner', () => {
    const status = deriveStatus(input({ conditions: ['lowToner', 'noToner', 'jammed'], supplies: toners }));
    expect(status.state).toBe('error');
    expect(status.message).toBe('Paper jam; Toner empty: Yellow; Toner low: Cyan, Magenta');
  });

  it('does not repeat in a weaker issue what a stronger one says', () => {
    expect(deriveStatus(input({ conditions: ['noPaper', 'lowPaper', 'inputTrayEmpty'], trays: [tray1, tray2Empty] })).message).toBe('Tray 2 empty');
    expect(deriveStatus(input({ conditions: ['noToner', 'lowToner'] })).message).toBe('Toner empty');
  });

  it('names the toners the levels show empty or low, emptiest first, and not drums', () => {
    expect(deriveStatus(input({ conditions: ['lowToner'], supplies: toners })).message).toBe('Toner low: Yellow, Cyan, Magenta');
    expect(deriveStatus(input({ conditions: ['noToner'], supplies: toners })).message).toBe('Toner empty: Yellow');
  });

  it('names the empty tray', () => {
    const status = deriveStatus(input({ conditions: ['noPaper'], trays: [tray1, tray2Empty] }));
    expect(status).toMatchObject({ state: 'error', message: 'Tray 2 empty' });
  });

  it('counts what does not fit in the message', () => {
    const status = deriveStatus(input({ conditions: ['jammed', 'doorOpen', 'serviceRequested', 'offline', 'lowToner'] }));
    expect(status.message).toBe('Paper jam; Door open; Service requested (+2 more)');
  });
});

describe('deriveStatus does not over-alarm on an empty manual feed', () => {
  it('drops lowPaper/noPaper/inputTrayEmpty when only the bypass is empty and a regular tray has paper', () => {
    const status = deriveStatus(input({ deviceStatus: 3, conditions: ['lowPaper', 'noPaper', 'inputTrayEmpty'], trays: [bypass, tray1] }));
    expect(status).toEqual({ state: 'ok', message: 'Ready', conditions: ['lowPaper', 'noPaper', 'inputTrayEmpty'] });
  });

  it('keeps the condition when a regular tray is empty too', () => {
    expect(deriveStatus(input({ conditions: ['noPaper'], trays: [bypass, tray1, tray2Empty] })).message).toBe('Tray 2 empty');
  });

  it('keeps the condition when no regular tray is known to have paper', () => {
    const unknownTray = aTray({ name: 'Tray 1', percent: null, quality: 'unknown', level: -2 });
    expect(deriveStatus(input({ conditions: ['noPaper'], trays: [bypass, unknownTray] })).state).toBe('error');
    expect(deriveStatus(input({ conditions: ['noPaper'], trays: [] })).message).toBe('Out of paper');
  });

  it('ignores paper alerts about the manual feed while a regular tray has paper', () => {
    const alert = anAlert({ severity: 'warning', code: 'inputMediaSupplyEmpty', group: 'input', tray: bypass });
    expect(deriveStatus(input({ alerts: [alert], trays: [bypass, tray1] })).state).toBe('ok');
  });

  it('still reports a manual feed request: a job is waiting for paper', () => {
    const alert = anAlert({ severity: 'warning', code: 'inputManualInputRequest', group: 'input', tray: bypass });
    expect(deriveStatus(input({ alerts: [alert], trays: [bypass, tray1] }))).toMatchObject({ state: 'warning', message: 'Load paper: Bypass Tray' });
  });
});

describe('deriveStatus from prtAlertTable rows', () => {
  const black = aSupply({ index: '1.1', color: 'black', description: 'Black Cartridge HP CF410A', percent: 0 });

  it('turns a critical alert into an error and names the supply by colour', () => {
    const alert = anAlert({ severity: 'critical', code: 'markerTonerEmpty', group: 'markerSupplies', supply: black });
    expect(deriveStatus(input({ alerts: [alert], supplies: [black] }))).toMatchObject({ state: 'error', message: 'Toner empty: Black' });
  });

  it('does not call a worn drum "toner": a toner alert located at a drum reads "Replace soon"', () => {
    const drum = { ...black, index: '1.2', type: 'opc', color: null, description: 'Drum Unit', percent: 8 };
    const alert = anAlert({ severity: 'warning', code: 'markerTonerAlmostEmpty', group: 'markerSupplies', supply: drum });
    expect(deriveStatus(input({ alerts: [alert], supplies: [black, drum] }))).toMatchObject({ state: 'warning', message: 'Replace soon: Drum Unit' });
  });

  it('merges an alert with the condition saying the same thing', () => {
    const alert = anAlert({ severity: 'critical', code: 'markerTonerEmpty', group: 'markerSupplies', supply: black });
    expect(deriveStatus(input({ conditions: ['noToner'], alerts: [alert], supplies: [black] })).message).toBe('Toner empty: Black');
  });

  it('reads generic subunit codes by group', () => {
    const cyan = aSupply({ index: '1.2', color: 'cyan', description: 'Cyan Toner', percent: 4 });
    const drum = aSupply({ index: '1.5', type: 'opc', color: null, description: 'Drum Unit', percent: 3 });
    const tray2 = aTray({ index: '1.3', name: 'Tray 2' });
    expect(deriveStatus(input({ alerts: [anAlert({ code: 'subunitAlmostEmpty', group: 'markerSupplies', supply: cyan })] })).message).toBe('Toner low: Cyan');
    expect(deriveStatus(input({ alerts: [anAlert({ code: 'subunitLifeAlmostOver', group: 'markerSupplies', supply: drum })] })).message).toBe('Replace soon: Drum Unit');
    expect(deriveStatus(input({ alerts: [anAlert({ severity: 'critical', code: 'subunitEmpty', group: 'input', tray: tray2 })] }))).toMatchObject({
      state: 'error',
      message: 'Tray 2 empty',
    });
    expect(deriveStatus(input({ alerts: [anAlert({ code: 'subunitOpened', group: 'cover' })] })).message).toBe('Door open');
  });

  it("shows the device's own words for alerts without a specific meaning", () => {
    const alert = anAlert({ severity: 'critical', code: 'subunitMotorFailure', group: 'marker', description: '59.A0 Motor error' });
    expect(deriveStatus(input({ alerts: [alert] }))).toMatchObject({ state: 'error', message: '59.A0 Motor error' });
    const warning = anAlert({ severity: 'warning', code: null, group: null, description: 'Cleaning required' });
    expect(deriveStatus(input({ alerts: [warning] }))).toMatchObject({ state: 'warning', message: 'Cleaning required' });
  });

  it('ignores events, "other" severities and alerts needing no intervention', () => {
    const quiet = [
      anAlert({ severity: 'warningBinaryChangeEvent', code: 'coverOpen', group: 'cover' }),
      anAlert({ severity: 'other', code: 'jam' }),
      anAlert({ severity: 'warning', training: 'noInterventionRequired', code: 'subunitTimingFailure' }),
      anAlert({ severity: 'critical', code: 'powerUp' }),
      anAlert({ severity: 'warning', code: 'inputMediaSizeChange', group: 'input' }),
    ];
    expect(deriveStatus(input({ alerts: quiet }))).toMatchObject({ state: 'ok', message: 'Ready' });
  });

  it('lets the device decide severity: a warning-level "toner empty" is a warning', () => {
    const alert = anAlert({ severity: 'warning', code: 'markerTonerEmpty', group: 'markerSupplies', supply: black });
    expect(deriveStatus(input({ alerts: [alert] }))).toMatchObject({ state: 'warning', message: 'Toner empty: Black' });
  });
});

describe('deriveStatus from hrDeviceStatus', () => {
  it('reports a down device as an error unless another error explains it', () => {
    expect(deriveStatus(input({ deviceStatus: 5 }))).toMatchObject({ state: 'error', message: 'Printer down' });
    expect(deriveStatus(input({ deviceStatus: 5, conditions: ['jammed'] })).message).toBe('Paper jam');
  });

  it('explains an unexplained warning by the lowest toner, else a worn part, else says attention is needed', () => {
    expect(deriveStatus(input({ deviceStatus: 3, supplies: toners }))).toMatchObject({ state: 'warning', message: 'Toner low: Yellow, Cyan, Magenta' });
    const worn = [aSupply({ percent: 80 }), aSupply({ index: '1.5', type: 'opc', color: null, description: 'Drum Unit', percent: 12 })];
    expect(deriveStatus(input({ deviceStatus: 3, supplies: worn })).message).toBe('Replace soon: Drum Unit');
    expect(deriveStatus(input({ deviceStatus: 3, supplies: [aSupply({ percent: 80 })] })).message).toBe('Needs attention');
  });

  it('does not add a vague warning when conditions already explain it', () => {
    expect(deriveStatus(input({ deviceStatus: 3, conditions: ['overduePreventMaint'] })).message).toBe('Maintenance overdue');
  });
});
