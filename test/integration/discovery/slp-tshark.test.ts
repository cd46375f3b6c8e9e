// Checks our SLPv2 framing against an independent reader: Wireshark's srvloc dissector.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeAttributeReply, encodeAttributeRequest, encodeServiceReply, encodeServiceRequest } from '../../../src-main/core/discovery/slp/slp-codec';

const TSHARK = '/usr/bin/tshark';
const hasTshark = existsSync(TSHARK);
if (!hasTshark) {
  console.warn(`slp-tshark.test.ts skipped: ${TSHARK} is missing (apt-get install tshark)`);
}

const LINKTYPE_RAW = 101;

function ipv4ToBytes(address: string): number[] {
  return address.split('.').map(Number);
}

function ipv4Checksum(header: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < header.length; index += 2) sum += ((header[index] ?? 0) << 8) + (header[index + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** An IPv4/UDP packet (DLT_RAW); UDP checksum 0 means "none", which IPv4 allows. */
function udpPacket(source: string, destination: string, sourcePort: number, destinationPort: number, payload: Uint8Array, ttl = 1): Uint8Array {
  const packet = new Uint8Array(20 + 8 + payload.length);
  const view = new DataView(packet.buffer);
  view.setUint8(0, 0x45);
  view.setUint16(2, packet.length);
  view.setUint8(8, ttl);
  view.setUint8(9, 17);
  packet.set(ipv4ToBytes(source), 12);
  packet.set(ipv4ToBytes(destination), 16);
  view.setUint16(10, ipv4Checksum(packet.subarray(0, 20)));
  view.setUint16(20, sourcePort);
  view.setUint16(22, destinationPort);
  view.setUint16(24, 8 + payload.length);
  packet.set(payload, 28);
  return packet;
}

/** A libpcap file: global header, then a record header per packet (little-endian). */
function pcapFile(packets: readonly Uint8Array[]): Uint8Array {
  const size = 24 + packets.reduce((total, packet) => total + 16 + packet.length, 0);
  const file = new Uint8Array(size);
  const view = new DataView(file.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, LINKTYPE_RAW, true);
  let offset = 24;
  packets.forEach((packet, index) => {
    view.setUint32(offset, 1_700_000_000 + index, true);
    view.setUint32(offset + 8, packet.length, true);
    view.setUint32(offset + 12, packet.length, true);
    file.set(packet, offset + 16);
    offset += 16 + packet.length;
  });
  return file;
}

function tshark(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(TSHARK, ['-r', path, '-V', '-d', 'udp.port==427,srvloc'], { timeout: 15_000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`tshark failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** tshark -V prints one block per frame, each starting at "Frame N:". */
function frames(output: string): string[] {
  return output.split(/^(?=Frame \d+:)/m).filter((block) => block.trim() !== '');
}

/** "Name: value" lines of the Service Location Protocol part of one frame (first value wins). */
function slpFields(block: string): Record<string, string> {
  const slp = block.slice(Math.max(0, block.indexOf('Service Location Protocol')));
  const fields: Record<string, string> = {};
  for (const line of slp.split('\n')) {
    const match = /^\s+([^:=]+?): (.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined && !(match[1] in fields)) fields[match[1]] = match[2];
  }
  return fields;
}

const folder = mkdtempSync(join(tmpdir(), 'printdeck-slp-tshark-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!hasTshark)("SLPv2 packets as Wireshark's srvloc dissector reads them", () => {
  it('decodes our SrvRqst, SrvRply, AttrRqst and AttrRply field by field, without "Malformed Packet"', async () => {
    const url = 'service:printer:lpr://127.0.0.5/queue';
    const messages = [
      encodeServiceRequest({ xid: 0x1234, multicast: true, scopes: ['DEFAULT', 'lab'], predicate: '(printer-color-supported=true)', previousResponders: ['127.0.0.9'] }),
      encodeServiceReply({ xid: 0x1234, urls: [{ lifetime: 10800, url }] }),
      encodeAttributeRequest({ xid: 0x1235, url, tags: ['printer-name'] }),
      encodeAttributeReply({ xid: 0x1235, attributes: new Map([['printer-name', ['Lab, 2nd floor']], ['printer-color-supported', ['true']]]) }),
    ];
    const packets = [
      udpPacket('127.0.0.1', '239.255.255.253', 40000, 427, messages[0] ?? new Uint8Array()),
      udpPacket('127.0.0.5', '127.0.0.1', 427, 40000, messages[1] ?? new Uint8Array()),
      udpPacket('127.0.0.1', '127.0.0.5', 40001, 427, messages[2] ?? new Uint8Array()),
      udpPacket('127.0.0.5', '127.0.0.1', 427, 40001, messages[3] ?? new Uint8Array()),
    ];
    const path = join(folder, 'slp.pcap');
    writeFileSync(path, pcapFile(packets));

    const output = await tshark(path);
    expect(output).not.toMatch(/Malformed Packet|\[Expert Info \(Error/);
    const blocks = frames(output);
    expect(blocks).toHaveLength(4);
    const [request, reply, attributeRequest, attributeReply] = blocks.map(slpFields);

    expect(request).toMatchObject({
      Version: '2', Function: 'Service Request (1)', 'Packet Length': String(messages[0]?.length), Flags: '0x2000, Multicast requested',
      'Next Extension Offset': '0', XID: '4660', 'Lang Tag': 'en', 'Previous Response List': '127.0.0.9',
      'Service Type List': 'service:printer', 'Scope List': 'DEFAULT,lab', Predicate: '(printer-color-supported=true)', 'SLP SPI Length': '0',
    });
    expect(reply).toMatchObject({
      Function: 'Service Reply (2)', 'Packet Length': String(messages[1]?.length), XID: '4660', 'Lang Tag': 'en',
      'Error Code': 'No Error (0)', 'Number of URLs': '1', 'URL lifetime': '10800', URL: url, 'Num Auths': '0',
    });
    expect(attributeRequest).toMatchObject({
      Function: 'Attribute Request (6)', 'Packet Length': String(messages[2]?.length), XID: '4661', 'Lang Tag': 'en',
      'Service URL': url, 'Scope List': 'DEFAULT', 'Tag List': 'printer-name', 'SLP SPI Length': '0',
    });
    expect(attributeReply).toMatchObject({
      Function: 'Attribute Reply (7)', 'Packet Length': String(messages[3]?.length), XID: '4661', 'Lang Tag': 'en', 'Error Code': 'No Error (0)',
      'Attribute List': '(printer-name=Lab\\2C 2nd floor),(printer-color-supported=true)',
      'Item 1': '(printer-name=Lab\\2C 2nd floor)', 'Item 2': '(printer-color-supported=true)', 'Attr Auths': '0',
    });
  });

  it('reports "Malformed Packet" for a cut-short reply, so the check above has teeth', async () => {
    const whole = encodeServiceReply({ xid: 1, urls: [{ lifetime: 60, url: 'service:printer:lpr://127.0.0.5/q' }] });
    const path = join(folder, 'cut.pcap');
    writeFileSync(path, pcapFile([udpPacket('127.0.0.5', '127.0.0.1', 427, 40000, whole.subarray(0, whole.length - 10))]));
    expect(await tshark(path)).toMatch(/Malformed Packet/);
  });
});
