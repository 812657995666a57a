import { fileTypeFromBuffer } from 'file-type';

/** The only file types users may upload, by the type their magic bytes show, with the extension keys get. */
export const ALLOWED_IMAGE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
} as const;

export type ImageMimeType = keyof typeof ALLOWED_IMAGE_TYPES;

export interface ImageType {
  mime: ImageMimeType;
  extension: string;
}

/** How many leading bytes sniffImageType needs to decide (file-type's own detection sample). */
export const SNIFF_BYTES = 4100;

/** The image type the file's first bytes show, or undefined for anything else (SVG, HTML, PDF, text...). */
export async function sniffImageType(head: Uint8Array): Promise<ImageType | undefined> {
  const detected = await fileTypeFromBuffer(head);
  if (!detected || !(detected.mime in ALLOWED_IMAGE_TYPES)) return undefined;
  const mime = detected.mime as ImageMimeType;
  return { mime, extension: ALLOWED_IMAGE_TYPES[mime] };
}

const TAIL_BYTES = 4096;
const PNG_IEND = Buffer.from('IEND', 'latin1');

/**
 * Watches an image's bytes go by (nothing but the last 4 kB is kept) and tells whether the file reached its
 * end marker: a PNG's IEND chunk, a GIF's trailer, a JPEG's end-of-image, a WebP's declared RIFF length.
 * It catches a file cut short; it is not a decoder.
 */
export class ImageEndCheck {
  private tail: Buffer = Buffer.alloc(0);
  private size = 0;
  private sawJpegEnd = false;
  private riffLength: number | undefined;

  private readonly mime: ImageMimeType;

  constructor(mime: ImageMimeType) {
    this.mime = mime;
  }

  update(chunk: Buffer): void {
    if (this.mime === 'image/jpeg') {
      this.sawJpegEnd ||= (this.tail.at(-1) === 0xff && chunk[0] === 0xd9) || containsJpegEnd(chunk);
    }
    if (this.mime === 'image/webp' && this.riffLength === undefined && this.size + chunk.length >= 8) {
      this.riffLength = Buffer.concat([this.tail, chunk]).readUInt32LE(4) + 8;
    }
    this.size += chunk.length;
    this.tail =
      chunk.length >= TAIL_BYTES
        ? chunk.subarray(chunk.length - TAIL_BYTES)
        : Buffer.concat([this.tail, chunk]).subarray(-TAIL_BYTES);
  }

  isComplete(): boolean {
    switch (this.mime) {
      case 'image/png':
        return this.tail.includes(PNG_IEND);
      case 'image/gif':
        return this.tail.subarray(-16).includes(0x3b);
      case 'image/jpeg':
        return this.sawJpegEnd;
      case 'image/webp':
        return this.riffLength !== undefined && this.size >= this.riffLength;
    }
  }
}

function containsJpegEnd(bytes: Buffer): boolean {
  for (
    let index = bytes.indexOf(0xff);
    index !== -1 && index < bytes.length - 1;
    index = bytes.indexOf(0xff, index + 1)
  ) {
    if (bytes[index + 1] === 0xd9) return true;
  }
  return false;
}
