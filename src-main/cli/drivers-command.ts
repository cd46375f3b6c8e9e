import { z } from 'zod';
import { internalContext } from '../../src-shared/auth/call-context';
import { DRIVER_ARCHES, DRIVER_KINDS, DRIVER_OSES, type DriverSet } from '../../src-shared/plugins/drivers/driver-set';
import { driversContract, DRIVERS_PLUGIN_ID } from '../../src-shared/plugins/drivers/drivers.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { AppError } from '../../src-shared/rpc/app-error';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { parseCommandArgs } from './command-args';
import { asCliError, openConsoleData } from './console-data';
import { defaultDataDir, defaultDataDirText } from './data-dir';
import { chunksOf, readUploadInput, type UploadInput } from './drivers-files';
import type { CommandIo } from './poll-command';
import { formatTable, utcMinute } from './text-table';

export const DRIVERS_HELP = `printdeck drivers list [--os windows|macos|linux] [--json] [--data DIR]
printdeck drivers upload <folder|zip> --name N --os windows|macos|linux [--arch x64|x86|arm64|any]
                  [--kind inf|ppd] [--driver NAME] [--driver-version V] [--store S] [--json] [--data DIR]
printdeck drivers delete <set> [--json] [--data DIR]

The console's driver sets (the drivers plug-in), on the data folder directly (also while
printdeck serve runs on it), as the built-in administrator; every change is written to the
system log with host "cli".

  list     every driver set: OS, architecture, kind, the driver inside, its version, files, store
  upload   sends a folder's files, or a zip, to a driver store with their SHA-256 manifest
           (manifest.json beside them), and records the set. The kind, the driver name and the
           version are read from the INF (Windows) or PPD (macOS, Linux) unless given. Nothing
           is recorded unless every file reached the store
  delete   deletes a driver set (by name or id) and its folder on the store; refused while an
           association uses it. When the store cannot be reached the set is still deleted and
           the message says its folder is left on the server

Options:
  --data DIR            the console's data folder (default: ${defaultDataDirText()})
  --name N              the set's name (unique)
  --os O                ${DRIVER_OSES.join(' | ')}
  --arch A              ${DRIVER_ARCHES.join(' | ')} (default any)
  --kind K              inf | ppd (default: from the files)
  --driver NAME         the model to install, as named in the INF or PPD (default: the first)
  --driver-version V    the version to show (default: DriverVer of the INF, *FileVersion of the PPD)
  --store S             the driver store, by name or id (needed when there are several)
  --json                JSON on stdout

Exit codes: 0 done, 1 the store could not be reached or written (nothing recorded), 2 bad
arguments (the message names it), 65 the files or the data do not allow it (a missing or
unreadable file, a path that would leave the set, no INF or PPD, a name taken, an unknown
store — the stores are named —, an unknown set, a set an association uses, no console data in
the folder).`;

const OPTIONS = {
  data: { type: 'string' },
  name: { type: 'string' },
  os: { type: 'string' },
  arch: { type: 'string' },
  kind: { type: 'string' },
  driver: { type: 'string' },
  'driver-version': { type: 'string' },
  store: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ACTIONS = ['list', 'upload', 'delete'] as const;
type Action = (typeof ACTIONS)[number];
const ALLOWED: Record<Action, readonly string[]> = {
  list: ['data', 'os', 'json'],
  upload: ['data', 'name', 'os', 'arch', 'kind', 'driver', 'driver-version', 'store', 'json'],
  delete: ['data', 'json'],
};
const UPLOAD_KINDS = DRIVER_KINDS.filter((k) => k !== 'driverless');

type DriversApi = ReturnType<typeof createApiClient<typeof driversContract>>;

/** `printdeck drivers …`: the driver sets of the console's data folder; returns the exit code. */
export async function driversCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  if (values.help) {
    io.out(DRIVERS_HELP);
    return EXIT.ok;
  }
  const [actionText, ...texts] = positionals;
  if (actionText === undefined) throw new CliError(`drivers needs an action: ${ACTIONS.join(', ')}`);
  const action = ACTIONS.find((a) => a === actionText);
  if (action === undefined) throw new CliError(`drivers: unknown action "${actionText}" (${ACTIONS.join(', ')})`);
  const misplaced = Object.keys(values).find((key) => !ALLOWED[action].includes(key));
  if (misplaced !== undefined) throw new CliError(`--${misplaced} does not go with drivers ${action}`);
  const os = oneOf('--os', values.os, DRIVER_OSES);
  const json = values.json === true;

  let run: (api: DriversApi) => Promise<ExitCode>;
  if (action === 'list') {
    if (texts.length > 0) throw new CliError(`drivers list takes no arguments ("${texts.join(' ')}")`);
    run = (api) => listSets(api, io, os, json);
  } else if (action === 'delete') {
    if (texts.length !== 1 || texts[0] === undefined) throw new CliError(texts.length === 0 ? 'drivers delete needs the set, by name or id' : `drivers delete takes one set ("${texts.join(' ')}"): quote a name with spaces`);
    const given = texts[0];
    run = (api) => deleteSet(api, io, given, json);
  } else {
    if (texts.length !== 1 || texts[0] === undefined) throw new CliError(texts.length === 0 ? 'drivers upload needs the folder or zip file to upload' : `drivers upload takes one folder or zip ("${texts.join(' ')}")`);
    if (values.name === undefined || values.name.trim() === '') throw new CliError('drivers upload needs --name N');
    if (os === undefined) throw new CliError(`drivers upload needs --os ${DRIVER_OSES.join('|')}`);
    const metadata = {
      name: values.name.trim(),
      os,
      arch: oneOf('--arch', values.arch, DRIVER_ARCHES) ?? 'any',
      kind: oneOf('--kind', values.kind, UPLOAD_KINDS),
      driverName: values.driver,
      version: values['driver-version'],
    };
    const input = await readUploadInput(texts[0]);
    const store = values.store;
    run = (api) => upload(api, io, { input, metadata, store, json });
  }

  const data = await openConsoleData(values.data ?? defaultDataDir(), { create: action === 'upload' });
  try {
    const context = internalContext('cli', data.core.auth.localAdministrator());
    const api = createApiClient(driversContract, createInProcessTransport(data.core.router, data.core.events, context), DRIVERS_PLUGIN_ID);
    return await run(api);
  } catch (error) {
    if (error instanceof AppError && error.code === 'device-unreachable') throw new CliError(error.message, EXIT.someFailed);
    throw asCliError(error);
  } finally {
    await data.close();
  }
}

function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new CliError(`${option} "${value}": choose ${allowed.join(', ')}`);
  return found;
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

async function listSets(api: DriversApi, io: CommandIo, os: DriverSet['os'] | undefined, json: boolean): Promise<ExitCode> {
  const { sets } = await api.sets.list({ os });
  if (json) {
    io.out(JSON.stringify(sets, null, 2));
    return EXIT.ok;
  }
  if (sets.length === 0) {
    io.out(`No driver sets${os ? ` for ${os}` : ''} yet (printdeck drivers upload <folder|zip> --name N --os O adds one).`);
    return EXIT.ok;
  }
  const { stores } = await api.stores.list({});
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const rows = sets.map((s) => [s.name, s.os, s.arch, s.kind, s.driverName, s.version, String(s.files), sizeText(s.bytes), s.storeId === null ? '—' : (storeName.get(s.storeId) ?? String(s.storeId)), utcMinute(s.createdAt)]);
  io.out(formatTable(['NAME', 'OS', 'ARCH', 'KIND', 'DRIVER', 'VERSION', 'FILES', 'SIZE', 'STORE', 'CREATED'], rows));
  return EXIT.ok;
}

async function deleteSet(api: DriversApi, io: CommandIo, given: string, json: boolean): Promise<ExitCode> {
  const { sets } = await api.sets.list({});
  const byId = z.coerce.number().int().positive().safeParse(given);
  const set = sets.find((s) => s.name.toLowerCase() === given.trim().toLowerCase()) ?? (byId.success ? sets.find((s) => s.id === byId.data) : undefined);
  if (!set) throw new CliError(`drivers delete: no driver set "${given}"${sets.length > 0 ? ` (there are ${sets.slice(0, 20).map((s) => `"${s.name}"`).join(', ')})` : ''}`, EXIT.dataError);
  const result = await api.sets.remove({ id: set.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'conflict') throw new CliError(`drivers delete "${set.name}": ${error.message}`, EXIT.dataError);
    throw error;
  });
  if (json) io.out(JSON.stringify({ set: { id: set.id, name: set.name }, ...result }, null, 2));
  else io.out(result.message);
  return EXIT.ok;
}

interface UploadRequest {
  input: UploadInput;
  metadata: { name: string; os: DriverSet['os']; arch: DriverSet['arch']; kind: 'inf' | 'ppd' | undefined; driverName: string | undefined; version: string | undefined };
  store: string | undefined;
  json: boolean;
}

async function upload(api: DriversApi, io: CommandIo, request: UploadRequest): Promise<ExitCode> {
  const storeId = await storeIdOf(api, request.store);
  const { input } = request;
  const source = input.kind === 'zip' ? { kind: 'zip' as const, fileName: input.file, bytes: input.size } : { kind: 'folder' as const, files: input.files.length, bytes: input.bytes };
  const { uploadId, chunkBytes } = await api.sets.beginUpload({ storeId, metadata: request.metadata, source });
  try {
    const files = input.kind === 'zip' ? [{ path: undefined, absolute: input.file }] : input.files;
    for (const file of files) {
      for await (const chunk of chunksOf(file.absolute, chunkBytes)) await api.sets.uploadChunk({ uploadId, path: file.path, offset: chunk.offset, content: chunk.bytes.toString('base64') });
    }
    const { set, warnings } = await api.sets.finishUpload({ uploadId });
    for (const warning of warnings) io.err(`warning: ${warning}`);
    if (request.json) io.out(JSON.stringify({ set, warnings }, null, 2));
    else io.out(`Uploaded "${set.name}": ${set.kind === 'inf' ? 'Windows INF package' : 'PPD'} for ${set.os} (${set.arch}), driver "${set.driverName}"${set.version ? ` version ${set.version}` : ''}, ${set.files} files (${sizeText(set.bytes)}) in ${set.folder ?? ''} with manifest.json.`);
    return EXIT.ok;
  } catch (error) {
    await api.sets.cancelUpload({ uploadId }).catch(() => undefined);
    if (error instanceof AppError && error.code === 'invalid-argument') throw new CliError(`${input.kind === 'zip' ? input.file : input.dir}: ${error.message}`, EXIT.dataError);
    throw error;
  }
}

async function storeIdOf(api: DriversApi, given: string | undefined): Promise<number | undefined> {
  const { stores } = await api.stores.list({});
  if (given === undefined) {
    if (stores.length === 0) throw new CliError('no driver store is set up: add one (an FTP server) in the console first', EXIT.dataError);
    if (stores.length > 1) throw new CliError(`--store: there are ${stores.length} driver stores, say which (${stores.map((s) => `"${s.name}"`).join(', ')})`);
    return undefined;
  }
  const byId = z.coerce.number().int().positive().safeParse(given);
  const found = stores.find((s) => s.name.toLowerCase() === given.trim().toLowerCase()) ?? (byId.success ? stores.find((s) => s.id === byId.data) : undefined);
  if (!found) throw new CliError(`--store "${given}": no such driver store${stores.length > 0 ? ` (there are ${stores.map((s) => `"${s.name}"`).join(', ')})` : ''}`, EXIT.dataError);
  return found.id;
}
