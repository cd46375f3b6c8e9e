import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import { PUBLIC, view } from '../../../../src-shared/auth/access';
import type { JobQueue } from '../../../../src-shared/plugins/drivers/agent-protocol';
import type { DriverOs, DriverSet } from '../../../../src-shared/plugins/drivers/driver-set';
import type { PluginHost, PluginHttpContext, PluginHttpRoute } from '../../../plugin-api/plugin-host';
import type { SetsRepository } from '../store/sets.repository';
import { SetRefused } from '../store-files/set-download';
import type { StoresService } from '../stores.service';
import { PULL_SCRIPT, PULL_STYLE } from './pull-assets';
import { PullCatalogue, searchEntries, type PullEntry } from './pull-catalogue';
import { PullFiles } from './pull-files';
import { installerProblem, posixInstaller, windowsInstaller, type InstallerFile } from './pull-installers';
import { visitorOs } from './pull-os';
import { PULL_BASE, pullPageHtml } from './pull-page';
import { pickLanguage, pullTexts } from './pull-texts';

const FILES_BASE = '/plugins/drivers/pull-files';

class PullFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Requests one connection may make before the page closes it (a browser needs 3: the page, its script, its style sheet). */
const REQUESTS_PER_CONNECTION = 8;
const served = new WeakMap<object, number>();

/**
 * "Connection: close" after a few requests on one connection. Under load the console's event
 * loop serves the connections it already has before it accepts new ones, so with keep-alive
 * alone a visitor arriving while 200 others keep reloading waited up to the whole run for a
 * first answer (npm run bench:pull: first request p50 6–10 s, others 150 ms). Closing every few
 * requests sends everyone back through the accept queue in turn. Node's maxRequestsPerSocket
 * does the same but is an option of the whole server, which a plug-in does not set.
 */
function connectionHeader(response: ServerResponse): Record<string, string> {
  const socket = response.req.socket;
  const count = (served.get(socket) ?? 0) + 1;
  served.set(socket, count);
  return count >= REQUESTS_PER_CONNECTION ? { Connection: 'close' } : {};
}

function send(response: ServerResponse, context: PluginHttpContext, status: number, type: string, body: string, extra: Readonly<Record<string, string>> = {}): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...context.headers, 'Content-Type': type, 'Cache-Control': 'no-store', ...connectionHeader(response), ...extra });
  response.end(body);
}

/** Where the visitor reached the console (its Host header; the console's URL object has none), for links in a script and the agent's enrol command. */
function originOf(request: IncomingMessage, context: PluginHttpContext): string {
  const host = request.headers.host ?? '';
  const safe = /^[A-Za-z0-9.:[\]-]{1,300}$/.test(host) ? host : context.url.host;
  return `${request.socket instanceof TLSSocket ? 'https' : 'http'}://${safe}`;
}

/** The queue of an entry as the shared command builders take it; no store in it (a script never carries a store's address or password). */
function queueOf(entry: PullEntry, set: DriverSet): JobQueue {
  return {
    associationId: entry.id,
    name: entry.name,
    queueName: entry.queueName,
    uri: entry.uri,
    protocol: entry.protocol,
    host: entry.host,
    port: entry.port,
    resource: entry.resource,
    defaults: entry.defaults,
    location: entry.location,
    set: { name: set.name, os: set.os, kind: set.kind, driverName: set.driverName, entryFile: set.entryFile, folder: set.folder, manifestSha256: set.manifestSha256, store: null },
  };
}

export interface PullDeps {
  host: PluginHost;
  stores: StoresService;
  sets: SetsRepository;
}

/**
 * The pull page (issue 12 item 8): `/plugins/drivers/pull` for users with the "pullPage" right
 * (the console sends a browser without a session to sign in and back), and the public
 * `/plugins/drivers/pull-files/<signed token>/<path>` its installer scripts fetch set files from.
 */
export function pullRoutes(deps: PullDeps): PluginHttpRoute[] {
  const { host } = deps;
  const functionId = host.addFunction('pullPage', { viewOnly: true });
  const catalogue = new PullCatalogue(host);
  const files = new PullFiles(deps.stores, deps.sets, () => host.now());

  const installer = async (id: number, origin: string, context: PluginHttpContext, os: DriverOs): Promise<{ name: string; text: string }> => {
    const entry = catalogue.get(id);
    if (entry === null) throw new PullFailure(404, `no printer ${id} on the pull page (it may have been removed): reload the page`);
    const set = files.set(entry.setId);
    if (set === null) throw new PullFailure(404, `the driver set of "${entry.name}" no longer exists`);
    const queue = queueOf(entry, set);
    const family = os === 'windows' ? 'windows' : 'posix';
    const problem = installerProblem(queue, family);
    if (problem !== null) throw new PullFailure(409, `"${entry.name}" cannot be installed on ${os}: ${problem}`);
    let installerFiles: InstallerFile[] = [];
    const { token, expiresAt } = files.token(set.id);
    if (set.kind !== 'driverless') {
      let local;
      try {
        local = await files.local(set);
      } catch (error) {
        const why = error instanceof SetRefused ? `the set "${set.name}" on its store is refused: ${error.message}` : `the driver store of "${set.name}" cannot be read now (${(error as Error).message})`;
        host.log(`pull page: ${why}`);
        throw new PullFailure(502, `${why}: tell IT`);
      }
      const wanted = set.kind === 'ppd' ? local.manifest.files.filter((f) => f.path === set.entryFile) : local.manifest.files;
      installerFiles = wanted.map((f) => ({ path: f.path, sha256: f.sha256, url: `${origin}${FILES_BASE}/${token}/${f.path.split('/').map(encodeURIComponent).join('/')}` }));
    }
    const input = { queue, files: installerFiles, madeFor: context.caller?.userName ?? '?', madeAt: new Date(host.now()).toISOString(), linksUntil: new Date(expiresAt).toISOString() };
    return family === 'windows' ? { name: `printdeck-${entry.queueName}.ps1`, text: windowsInstaller(input) } : { name: `printdeck-${entry.queueName}.sh`, text: posixInstaller(input) };
  };

  const pull: PluginHttpRoute = {
    path: 'pull',
    access: view(functionId),
    handle: async (request, response, context) => {
      const { subpath, url } = context;
      try {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new PullFailure(405, 'the pull page answers GET only');
        if (subpath === '/assets/pull.js') return send(response, context, 200, 'text/javascript; charset=utf-8', PULL_SCRIPT, { 'Cache-Control': 'private, max-age=3600' });
        if (subpath === '/assets/pull.css') return send(response, context, 200, 'text/css; charset=utf-8', PULL_STYLE, { 'Cache-Control': 'private, max-age=3600' });
        const os = visitorOs(url.searchParams.get('os'), request.headers['user-agent']);
        const query = (url.searchParams.get('q') ?? '').slice(0, 200);
        if (subpath === '' || subpath === '/') {
          const all = catalogue.entries();
          const language = pickLanguage(request.headers['accept-language']);
          const html = pullPageHtml({ language, texts: pullTexts(language), entries: searchEntries(all, query), total: all.length, query, os, consoleUrl: originOf(request, context) });
          return send(response, context, 200, 'text/html; charset=utf-8', html, { 'Content-Language': language, Vary: 'Accept-Language, User-Agent' });
        }
        if (subpath === '/list.json') {
          const entries = searchEntries(catalogue.entries(), query).map((e) => ({ ...e, installable: os !== null && e.systems.includes(os) }));
          return send(response, context, 200, 'application/json; charset=utf-8', JSON.stringify({ os, entries }));
        }
        const install = /^\/install\/(\d{1,9})$/.exec(subpath);
        if (install) {
          if (os === null) throw new PullFailure(400, 'say which system the installer is for: ?os=windows, macos or linux');
          const script = await installer(Number(install[1]), originOf(request, context), context, os);
          return send(response, context, 200, os === 'windows' ? 'text/plain; charset=utf-8' : 'text/x-shellscript; charset=utf-8', script.text, { 'Content-Disposition': `attachment; filename="${script.name.replace(/[^A-Za-z0-9._-]/g, '_')}"` });
        }
        throw new PullFailure(404, `nothing at ${PULL_BASE}${subpath}`);
      } catch (error) {
        if (error instanceof PullFailure) send(response, context, error.status, 'text/plain; charset=utf-8', `${error.message}\n`);
        else throw error;
      }
    },
  };

  const pullFiles: PluginHttpRoute = {
    path: 'pull-files',
    access: PUBLIC,
    handle: async (request, response, context) => {
      try {
        const match = /^\/([^/]+)\/(.+)$/.exec(context.subpath);
        if (!match || request.method !== 'GET') throw new PullFailure(404, 'not a Printdeck download link');
        const checked = files.checkToken(match[1] ?? '');
        if ('refused' in checked) throw new PullFailure(403, checked.refused);
        const set = files.set(checked.setId);
        if (set === null) throw new PullFailure(404, 'the driver set no longer exists');
        let path: string;
        try {
          path = (match[2] ?? '').split('/').map(decodeURIComponent).join('/');
        } catch {
          throw new PullFailure(404, 'not a Printdeck download link (a path that does not decode)');
        }
        const local = await files.local(set);
        const entry = local.manifest.files.find((f) => f.path === path);
        if (entry === undefined) throw new PullFailure(404, `${path} is not a file of the set "${set.name}"`);
        const file = join(local.dir, ...entry.path.split('/'));
        const size = (await stat(file)).size;
        response.writeHead(200, { ...context.headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size), 'Cache-Control': 'no-store' });
        await new Promise<void>((resolve, reject) => {
          createReadStream(file).on('error', reject).pipe(response).on('finish', resolve).on('error', reject);
        });
      } catch (error) {
        if (error instanceof PullFailure) send(response, context, error.status, 'text/plain; charset=utf-8', `${error.message}\n`);
        else throw error;
      }
    },
  };

  return [pull, pullFiles];
}
