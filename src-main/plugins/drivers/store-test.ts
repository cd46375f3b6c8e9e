import { Readable } from 'node:stream';
import { STORE_TEST_STEPS, type StoreTestResult, type StoreTestStep } from '../../../src-shared/plugins/drivers/driver-store';
import { StoreSession, type OpenStep, type StoreTarget } from './store-files/ftp-session';
import { ftpFailure } from './store-files/ftp-wording';

/**
 * "Test connection" of a driver store, step by step: connect (the server's greeting), TLS,
 * sign in, open the directory, list it (a data connection in the store's mode), write and delete
 * a small file. Stops at the first step that fails and says what to do about it.
 */
export async function testStore(target: StoreTarget): Promise<StoreTestResult> {
  const steps: StoreTestResult['steps'] = [];
  let started = Date.now();
  const done = (step: StoreTestStep, message: string): void => {
    steps.push({ step, ok: true, message, ms: Date.now() - started });
    started = Date.now();
  };
  const who = target.user === '' ? 'anonymous' : target.user;
  const said: Record<OpenStep, string> = {
    connect: `Connected to ${target.host}:${target.port}; the FTP server greeted.`,
    tls: `TLS set up (${target.security === 'implicit' ? 'implicit FTPS' : 'AUTH TLS'})${target.verifyCertificate ? ', certificate checked' : ', certificate not checked'}.`,
    login: `Signed in as ${who}.`,
    directory: `Opened the directory ${target.directory}.`,
  };
  const doing: Record<StoreTestStep, string> = {
    connect: `connect to ${target.host}:${target.port}`,
    tls: 'set up TLS',
    login: `sign in as ${who}`,
    directory: `open the directory ${target.directory}`,
    list: `list ${target.directory} (a data connection in ${target.mode} mode)`,
    write: `write a test file in ${target.directory}`,
  };
  const next = (): StoreTestStep => STORE_TEST_STEPS.filter((s) => s !== 'tls' || target.security !== 'none').find((s) => !steps.some((d) => d.step === s)) ?? 'write';
  let session: StoreSession | null = null;
  try {
    session = await StoreSession.open(target, (step) => done(step, said[step]));
    const entries = await session.list(target.directory);
    done('list', `Listed the directory in ${target.mode} mode: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}.`);
    const probe = session.path(`.printdeck-test-${process.pid}-${Date.now()}`);
    await session.upload(Readable.from([Buffer.from('Printdeck driver store test\n')]), probe);
    await session.remove(probe);
    done('write', 'Wrote and deleted a test file: driver sets can be uploaded here.');
    return { ok: true, steps };
  } catch (error) {
    const step = next();
    steps.push({ step, ok: false, message: ftpFailure(error, target, doing[step]), ms: Date.now() - started });
    return { ok: false, steps };
  } finally {
    session?.close();
  }
}
