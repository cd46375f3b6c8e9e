import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FileDigest } from '../../../../src-shared/plugins/drivers/set-manifest';

/** A pass-through that counts the bytes and computes their SHA-256 as they go by. */
export function digestStream(): { stream: Transform; digest(): FileDigest } {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  let done: FileDigest | null = null;
  return {
    stream,
    digest: () => {
      done ??= { size, sha256: hash.digest('hex') };
      return done;
    },
  };
}

export function sha256Of(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
