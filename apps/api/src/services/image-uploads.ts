import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import type { Db } from '@mentorconnect/db/database';
import { deleteUpload, insertUpload, setUploadSize, uploadBytesOf } from '@mentorconnect/db/queries/uploads';
import type { FileStorage } from '@mentorconnect/shared/storage/file-storage';
import { ImageEndCheck, SNIFF_BYTES, sniffImageType } from '@mentorconnect/shared/storage/image-types';
import { badRequest, HttpError } from '../http-errors.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export const fileTooLarge = () => new HttpError(413, 'File size exceeds 5MB limit');

const cutOff = () => badRequest('The upload was cut off before the file ended');

const quotaReached = (quotaBytes: number) =>
  new HttpError(
    413,
    `Upload quota reached: an account may keep ${Math.round(quotaBytes / 1024 / 1024)} MB of uploads; ` +
      'unused uploads are deleted a day after they were made',
  );

class UploadTooLarge extends Error {}

/**
 * Streams one multipart file into storage and records it: the type comes from the first bytes (never from the
 * client), the bytes flow straight to the driver (at most the sniffed head is held), and a file that is too
 * large, cut short or not an allowed image leaves neither an object nor a row. Returns the new key.
 *
 * The row is written first so that a crash mid-upload leaves a row the orphan cleanup will sweep, never an
 * object nothing knows about.
 */
export async function storeUploadedImage(
  { db, storage }: { db: Db; storage: FileStorage },
  part: MultipartFile,
  { ownerUserId, quotaBytes }: { ownerUserId: string | null; quotaBytes: number },
): Promise<string> {
  const source = part.file;
  const used = ownerUserId ? await uploadBytesOf(db, ownerUserId) : 0;
  if (used >= quotaBytes) {
    source.resume();
    throw quotaReached(quotaBytes);
  }
  const head = await readHead(source, SNIFF_BYTES).catch((error: unknown) => {
    throw isClientStreamError(error) ? cutOff() : error;
  });
  if (head.length === 0) throw badRequest('The uploaded file is empty');
  const type = await sniffImageType(head);
  if (!type) {
    source.resume();
    throw badRequest('Only image files are allowed');
  }

  const key = `${randomUUID()}.${type.extension}`;
  await insertUpload(db, { key, ownerUserId, contentType: type.mime, sizeBytes: head.length });
  const endCheck = new ImageEndCheck(type.mime);
  let size = 0;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      endCheck.update(chunk);
      done(null, chunk);
    },
  });
  // @fastify/multipart stops a file at the limit and ends it as if complete: fail the body instead.
  source.once('limit', () => {
    source.unpipe(body);
    source.resume();
    body.destroy(new UploadTooLarge());
  });
  source.once('error', (error) => body.destroy(error));
  body.write(head);
  if (source.readableEnded) body.end();
  else source.pipe(body);

  try {
    await storage.put(key, body, { contentType: type.mime });
    if (source.truncated) throw new UploadTooLarge();
    if (!endCheck.isComplete()) throw badRequest('The uploaded image is incomplete');
    if (used + size > quotaBytes) throw quotaReached(quotaBytes);
  } catch (error) {
    await storage.delete(key);
    await deleteUpload(db, key);
    if (error instanceof UploadTooLarge) throw fileTooLarge();
    if (error instanceof HttpError) throw error;
    if (isClientStreamError(error)) throw cutOff();
    throw error;
  }
  await setUploadSize(db, key, size);
  return key;
}

/** Reads the stream's first `size` bytes (fewer if it ends first) and leaves the rest unread, paused. */
function readHead(stream: Readable, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // The whole body may have been parsed (and a malformed one failed) before this function is called.
    if (stream.errored) return reject(stream.errored);
    if (stream.destroyed) return reject(new Error('premature close'));
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = () => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', reject);
      stream.pause();
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= size) finish();
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', reject);
  });
}

function isClientStreamError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /terminated early|premature close|unexpected end|aborted/i.test(message);
}
