import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { setFileQuerySchema } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { MANIFEST_FILE, setPathProblem } from '../../../../src-shared/plugins/drivers/set-manifest';
import { withStore, type StoreTarget } from '../store-files/ftp-session';
import { ftpFailure } from '../store-files/ftp-wording';
import type { AgentJobsRepository } from '../store/agent-jobs.repository';

/** Why a set file is not served: the status and the words for the agent. */
export class SetFileRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SetFileDeps {
  jobs: AgentJobsRepository;
  /** The store's session target with its password opened (the console's own; never sent to agents). */
  storeTarget(storeId: number): StoreTarget;
}

/**
 * GET /plugins/drivers/agent/set-file?job=J&association=A&path=P for an authenticated agent:
 * one file of the set of queue A of job J, which must be the agent's own and still open, read
 * from the store over FTP and streamed as it arrives. Only the set's own folder is reachable
 * (the path is checked like a manifest's: no "..", no absolute path). The console does not
 * check the bytes — the agent does, against the manifest and its recorded SHA-256 — so a store
 * that was altered is refused on the client as before. Throws SetFileRefused before anything
 * is sent; a transfer that breaks later ends the response early (the agent's size check fails).
 */
export async function serveSetFile(deps: SetFileDeps, clientId: number, request: IncomingMessage, response: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void> {
  if (request.method !== 'GET') throw new SetFileRefused(405, 'use GET');
  const url = new URL(request.url ?? '/', 'http://agent');
  const query = setFileQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) throw new SetFileRefused(400, `${query.error.issues[0]?.path.join('.') || 'query'}: ${query.error.issues[0]?.message ?? 'invalid'}`);
  const { job: jobId, association, path } = query.data;
  const spec = deps.jobs.openSpecOf(clientId, jobId);
  if (spec === null) throw new SetFileRefused(404, `no open job ${jobId} for this agent`);
  const queue = spec.find((q) => q.associationId === association);
  const { store, folder } = queue?.set ?? { store: null, folder: null };
  if (!queue || store === null || folder === null) throw new SetFileRefused(404, `job ${jobId} has no set with files for association ${association}`);
  const problem = path === MANIFEST_FILE ? null : setPathProblem(path);
  if (problem !== null) throw new SetFileRefused(400, `path: ${problem}`);
  let target: StoreTarget;
  try {
    target = deps.storeTarget(store.id);
  } catch {
    throw new SetFileRefused(404, `the store "${store.name}" of the set "${queue.set.name}" no longer exists`);
  }
  const relay = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!response.headersSent) response.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
      if (response.write(chunk)) callback();
      else response.once('drain', () => callback());
    },
  });
  // An agent that goes away mid-file ends the FTP transfer too, rather than leaving it waiting for a drain.
  response.once('close', () => relay.destroy());
  try {
    await withStore(target, (session) => session.download(session.path(`${folder}/${path}`), relay));
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if ((error as { code?: unknown }).code === 550) throw new SetFileRefused(404, `${path}: missing on the store "${store.name}"`);
    throw new SetFileRefused(502, ftpFailure(error, target, `read ${path} of the set "${queue.set.name}" from the store "${store.name}"`));
  }
  if (!response.headersSent) response.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' });
  response.end();
}
