import t from 'tap';
import { ImageEndCheck, type ImageMimeType, sniffImageType } from '../../src/storage/image-types.js';

const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a464946000101', 'hex'),
  Buffer.alloc(10_000, 1),
  Buffer.from('ffd9', 'hex'),
]);
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
  Buffer.alloc(9000, 2),
  Buffer.from('0000000049454e44ae426082', 'hex'),
]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([12, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(4)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(100, 3), Buffer.from([0x3b])]);

function complete(mime: ImageMimeType, bytes: Buffer, chunkSize: number): boolean {
  const check = new ImageEndCheck(mime);
  for (let offset = 0; offset < bytes.length; offset += chunkSize)
    check.update(bytes.subarray(offset, offset + chunkSize));
  return check.isComplete();
}

t.test('the type comes from the magic bytes; only the four image types pass', async (t) => {
  t.same(await sniffImageType(JPEG), { mime: 'image/jpeg', extension: 'jpg' });
  t.same(await sniffImageType(PNG), { mime: 'image/png', extension: 'png' });
  t.same(await sniffImageType(WEBP), { mime: 'image/webp', extension: 'webp' });
  t.same(await sniffImageType(GIF), { mime: 'image/gif', extension: 'gif' });
  t.equal(await sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')), undefined);
  t.equal(await sniffImageType(Buffer.from('<!doctype html><script>alert(1)</script>')), undefined);
  t.equal(await sniffImageType(Buffer.from('%PDF-1.7\n')), undefined);
  t.equal(await sniffImageType(Buffer.alloc(0)), undefined);
});

t.test('a whole image reaches its end marker; a cut one does not, however it is chunked', async (t) => {
  const cases: [ImageMimeType, Buffer, number][] = [
    ['image/jpeg', JPEG, 1],
    ['image/png', PNG, 9],
    ['image/webp', WEBP, 1],
    ['image/gif', GIF, 1],
  ];
  for (const [mime, bytes, cut] of cases) {
    for (const chunkSize of [1, 2, 3, 7, 4096, 100_000]) {
      t.equal(complete(mime, bytes, chunkSize), true, `${mime} whole, chunks of ${chunkSize}`);
      t.equal(complete(mime, bytes.subarray(0, -cut), chunkSize), false, `${mime} cut, chunks of ${chunkSize}`);
    }
  }
});
