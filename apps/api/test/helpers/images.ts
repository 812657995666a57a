import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid 8x8 PNG; `atLeastBytes` pads it with a private ancillary chunk (which decoders skip) so tests
 * can make images of any size that still end properly.
 */
export function png(atLeastBytes = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header[8] = 8;
  header[9] = 2;
  const pixels = deflateSync(Buffer.alloc(8 * (1 + 8 * 3), 0x7f));
  const parts = [Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('IDAT', pixels)];
  const size = parts.reduce((total, part) => total + part.length, 0) + 12;
  if (atLeastBytes > size) parts.push(pngChunk('pnGp', Buffer.alloc(Math.max(0, atLeastBytes - size - 12), 0x42)));
  parts.push(pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(200, 0x11),
  Buffer.from('ffd9', 'hex'),
]);

export const GIF = Buffer.from(
  '474946383961010001008000000000ffffff21f90401000000002c00000000010001000002024401003b',
  'hex',
);

export function webp(): Buffer {
  const chunk = Buffer.concat([
    Buffer.from('VP8L'),
    Buffer.from([5, 0, 0, 0]),
    Buffer.from('2f00000000', 'hex'),
    Buffer.alloc(1),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), chunk]);
}

export const HTML = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>';
export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>';
