// src-shared is compiled without DOM or Node typings to keep it pure; TextDecoder/TextEncoder
// are part of every JavaScript runtime we target (Node, Chromium), so declare just what we use.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
