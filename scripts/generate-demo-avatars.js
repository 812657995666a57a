// Writes the seed's demo mentor photos (attached_assets/image_17540000000NN.png): 128x128 PNG silhouettes,
// one background colour each. Run once; the files are committed. `node scripts/generate-demo-avatars.js`
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const COLOURS = [
  [0x4f, 0x6d, 0x7a],
  [0xc0, 0x6c, 0x84],
  [0x35, 0x5c, 0x7d],
  [0x6c, 0x5b, 0x7b],
  [0xf6, 0x72, 0x80],
  [0x2a, 0x9d, 0x8f],
  [0xe9, 0xa8, 0x44],
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function avatar([r, g, b]) {
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 3);
    for (let x = 0; x < SIZE; x++) {
      const head = (x - 64) ** 2 + (y - 50) ** 2 < 22 ** 2;
      const shoulders = y > 82 && (x - 64) ** 2 / 44 ** 2 + (y - 128) ** 2 / 44 ** 2 < 1;
      const light = head || shoulders;
      row[1 + x * 3] = light ? 0xf4 : r;
      row[2 + x * 3] = light ? 0xf1 : g;
      row[3 + x * 3] = light ? 0xea : b;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('attached_assets', { recursive: true });
COLOURS.forEach((colour, index) => {
  writeFileSync(`attached_assets/image_175400000000${index + 1}.png`, avatar(colour));
});
