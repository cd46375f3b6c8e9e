import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { PUBLIC } from '../../../../src-shared/auth/access';
import { FailureWindow, RefusalThrottle } from '../../../../src-shared/auth/refusal-throttle';
import { enrolRequestSchema, pollRequestSchema, reportRequestSchema, type EnrolReply } from '../../../../src-shared/plugins/drivers/agent-protocol';
import type { PluginHost, PluginHttpRoute } from '../../../plugin-api/plugin-host';
import type { AgentJobsRepository } from '../store/agent-jobs.repository';
import type { ClientsRepository } from '../store/clients.repository';
import type { StoreTarget } from '../store-files/ftp-session';
import type { AgentHub } from './agent-hub';
import { serveSetFile, SetFileRefused } from './set-file-route';
import { newSecret } from './clients.service';

const MAX_BODY = 1024 * 1024;
/** Failed enrolments from one address within ENROL_WINDOW_MS before it is answered 429 until the oldest leaves the window. */
export const ENROL_MAX_FAILURES = 10;
export const ENROL_WINDOW_MS = 15 * 60_000;

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

async function readJson<S extends z.ZodType>(request: IncomingMessage, schema: S): Promise<z.output<S>> {
  if (request.method !== 'POST') throw new HttpFailure(405, 'use POST');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpFailure(413, `the request is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpFailure(400, 'the request is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpFailure(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

function send(response: ServerResponse, headers: Readonly<Record<string, string>>, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

export interface AgentRouteDeps {
  host: PluginHost;
  clients: ClientsRepository;
  jobs: AgentJobsRepository;
  hub: AgentHub;
  functionId: string;
  /** A store's session target, password opened, for serving set files to agents. */
  storeTarget(storeId: number): StoreTarget;
}

/**
 * /plugins/drivers/agent/{enrol,poll,report,set-file}: the agents' side of the console, a public route
 * (agents are not console users): enrol is authenticated by an enrolment token, the others by
 * the agent's key (Authorization: Bearer <key>), checked against its stored hash.
 */
export function agentRoute(deps: AgentRouteDeps): PluginHttpRoute {
  const { host, clients, jobs, hub } = deps;

  const refusals = new RefusalThrottle();
  const enrolFailures = new FailureWindow(ENROL_MAX_FAILURES, ENROL_WINDOW_MS);
  const addressOf = (request: IncomingMessage): string => request.socket.remoteAddress ?? '?';

  const authenticate = (request: IncomingMessage, endpoint: string): number => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    const clientId = match?.[1] ? clients.idByKey(match[1]) : null;
    if (clientId !== null) return clientId;
    // A withdrawn agent keeps polling: one line a minute per address with the count, not one per poll.
    const address = addressOf(request);
    const held = refusals.admit(`key|${address}`, host.now());
    if (held !== null)
      host.audit({ action: 'drivers.agent.signIn', userName: 'agent', address, outcome: 'refused', targets: [`endpoint ${endpoint}`], message: `unknown or withdrawn agent key${held > 0 ? ` (${held} more like it were refused since the last entry)` : ''}` });
    throw new HttpFailure(401, 'unknown or withdrawn agent key: enrol this agent again');
  };

  const enrol = async (request: IncomingMessage): Promise<EnrolReply> => {
    const address = addressOf(request);
    const wait = enrolFailures.blockedFor(address, host.now());
    if (wait > 0) {
      const held = refusals.admit(`enrol-limit|${address}`, host.now());
      if (held !== null) host.audit({ action: 'drivers.agent.enrol', userName: 'agent', address, outcome: 'refused', message: `too many failed enrolments from this address: answered 429${held > 0 ? ` (${held} more since the last entry)` : ''}` });
      const seconds = Math.ceil(wait / 1000);
      throw new HttpFailure(429, `too many failed enrolments from ${address}: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`, { 'Retry-After': String(seconds) });
    }
    let name = '';
    try {
      const reply = await enrolWith(request, (n) => (name = n));
      host.audit({ action: 'drivers.agent.enrol', userName: 'agent', address, outcome: 'ok', targets: [`client ${reply.clientId}`, `name ${name}`], message: `agent enrolled for client PC "${name}"` });
      return reply;
    } catch (error) {
      if (!(error instanceof HttpFailure)) throw error;
      enrolFailures.fail(address, host.now());
      host.audit({ action: 'drivers.agent.enrol', userName: 'agent', address, outcome: 'refused', targets: name === '' ? [] : [`name ${name}`], message: error.message });
      throw error;
    }
  };

  const enrolWith = async (request: IncomingMessage, named: (name: string) => void): Promise<EnrolReply> => {
    const body = await readJson(request, enrolRequestSchema);
    named(body.name);
    const now = host.now();
    const key = newSecret();
    const clientId = clients.transaction(() => {
      const token = jobs.consumeToken(body.token, now);
      if (!token) return null;
      const existing = clients.byName(body.name);
      // Throwing rolls the transaction back: a refused enrolment spends no use of the token.
      if (token.clientId !== null && existing?.id !== token.clientId)
        throw new HttpFailure(403, `this enrolment token was made for another client PC, not "${body.name}": enrol with --name set to that PC's name, or ask for a new token`);
      if (existing?.enrolled && token.clientId !== existing.id)
        throw new HttpFailure(409, `the client PC "${existing.name}" has an agent already: forget its agent in the console first (Drivers → Client PCs → Forget agent), or enrol with a token made for this PC`);
      const id = existing?.id ?? clients.insert({ name: body.name, os: body.facts.os, address: request.socket.remoteAddress ?? '', site: '' }, 'agent', now);
      clients.setKey(id, key);
      clients.recordContact(id, body.facts, now);
      return id;
    });
    if (clientId === null) {
      throw new HttpFailure(403, 'the enrolment token is unknown, expired or used up: ask for a new one in the console (Drivers → Client PCs)');
    }
    host.emitData('clients', deps.functionId, [clientId]);
    return { clientId, key };
  };

  const poll = async (request: IncomingMessage, response: ServerResponse): Promise<unknown> => {
    const clientId = authenticate(request, 'poll');
    const body = await readJson(request, pollRequestSchema);
    if (clients.recordContact(clientId, body.facts, host.now())) host.emitData('clients', deps.functionId, [clientId]);
    let open = jobs.open(clientId, host.now());
    if (open.length === 0 && body.wait > 0) {
      const gone = new AbortController();
      response.once('close', () => gone.abort());
      await hub.waitForJobs(clientId, body.wait * 1000, gone.signal);
      if (gone.signal.aborted) return { jobs: [] };
      open = jobs.open(clientId, host.now());
    }
    jobs.markCollected(
      open.map((j) => j.id),
      host.now(),
    );
    return { jobs: open };
  };

  const report = async (request: IncomingMessage): Promise<unknown> => {
    const clientId = authenticate(request, 'report');
    const body = await readJson(request, reportRequestSchema);
    const now = host.now();
    const accepted = clients.transaction(() =>
      body.reports.map((r) => {
        const job = jobs.get(r.jobId);
        // A report for a closed job (sent twice after a lost answer) is accepted and changes nothing.
        if (!job || job.clientId !== clientId) return null;
        if (jobs.finish(clientId, r, now)) {
          const failedQueues = new Set(r.steps.filter((s) => !s.ok).map((s) => s.queueName));
          const spec = jobs.specOf(r.jobId);
          for (const queue of spec) {
            if (job.action === 'install' && !failedQueues.has(queue.queueName) && r.queues.includes(queue.queueName)) clients.tagQueue(clientId, queue.queueName, queue.associationId, now);
            if (job.action === 'remove' && !r.queues.includes(queue.queueName)) clients.dropQueue(clientId, queue.queueName);
          }
        }
        return r.jobId;
      }),
    );
    hub.reported();
    host.emitData('clients', deps.functionId, [clientId]);
    return { accepted: accepted.filter((id): id is number => id !== null) };
  };

  return {
    path: 'agent',
    access: PUBLIC,
    handle: async (request, response, context) => {
      try {
        const route = context.subpath;
        if (route === '/set-file') {
          await serveSetFile({ jobs, storeTarget: deps.storeTarget }, authenticate(request, 'set-file'), request, response, context.headers);
          return;
        }
        const body = route === '/enrol' ? await enrol(request) : route === '/poll' ? await poll(request, response) : route === '/report' ? await report(request) : null;
        if (body === null) throw new HttpFailure(404, `no agent endpoint "${route}" (enrol, poll, report, set-file)`);
        send(response, context.headers, 200, body);
      } catch (error) {
        if (error instanceof HttpFailure) send(response, { ...context.headers, ...error.headers }, error.status, { error: error.message });
        else if (error instanceof SetFileRefused) send(response, context.headers, error.status, { error: error.message });
        else throw error;
      }
    },
  };
}
