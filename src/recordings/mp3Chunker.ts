import { type FileHandle, open } from 'node:fs/promises';

/**
 * Splits an MP3 file into pieces no larger than `maxBytes`, cutting only between MPEG audio frames so
 * every piece is a playable MP3 on its own. Reads the file in blocks (never whole into memory) and
 * returns each piece's start time, so transcripts can be joined in order with their offsets.
 */
export interface Mp3Chunk {
  path: string;
  bytes: number;
  startSeconds: number;
}

const BITRATES: Record<string, number[]> = {
  // [version][layer] → kbps by index (MPEG1 Layer III, MPEG2/2.5 Layer III)
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES: Record<number, number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  25: [11025, 12000, 8000],
};

/** Length and duration of the frame whose header starts at buf[i], or null if there is none. */
export function frameAt(buf: Buffer, i: number): { length: number; seconds: number } | null {
  if (i + 4 > buf.length || buf[i] !== 0xff || (buf[i + 1]! & 0xe0) !== 0xe0) return null;
  const versionBits = (buf[i + 1]! >> 3) & 3;
  const layerBits = (buf[i + 1]! >> 1) & 3;
  if (versionBits === 1 || layerBits !== 1) return null; // reserved version, or not Layer III
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 25;
  const bitrateIndex = (buf[i + 2]! >> 4) & 15;
  const rateIndex = (buf[i + 2]! >> 2) & 3;
  const padding = (buf[i + 2]! >> 1) & 1;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const kbps = BITRATES[version === 1 ? '1-3' : '2-3']![bitrateIndex]!;
  const rate = RATES[version]![rateIndex]!;
  const samples = version === 1 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * kbps * 1000) / rate) + padding;
  return { length, seconds: samples / rate };
}

/**
 * Pieces of at most `maxBytes` and `maxSeconds` each. A file within both limits is returned whole (its
 * own path). Frame headers are read from 1 MiB blocks, so a two-hour file costs a few milliseconds of
 * parsing and never more than one block of memory.
 */
export async function splitMp3(
  path: string,
  maxBytes: number,
  outPrefix: string,
  maxSeconds = Number.POSITIVE_INFINITY,
): Promise<Mp3Chunk[]> {
  const fh = await open(path, 'r');
  const chunks: Mp3Chunk[] = [];
  try {
    const size = (await fh.stat()).size;
    if (size <= maxBytes && !Number.isFinite(maxSeconds)) return [{ path, bytes: size, startSeconds: 0 }];
    const BLOCK = 1 << 20;
    const block = Buffer.alloc(BLOCK);
    let blockStart = 0;
    let data = block.subarray(0, 0);
    const inBlock = (pos: number) => pos >= blockStart && pos + 4 <= blockStart + data.length;
    let pos = 0;
    let time = 0;
    // Skip an ID3v2 tag at the start.
    const head = Buffer.alloc(10);
    await fh.read(head, 0, 10, 0);
    if (head.toString('latin1', 0, 3) === 'ID3')
      pos = 10 + ((head[6]! << 21) | (head[7]! << 14) | (head[8]! << 7) | head[9]!);
    const bounds: { start: number; end: number; startTime: number }[] = [];
    while (pos < size) {
      // Walk frames until the next one would overflow this piece.
      const start = pos;
      const startTime = time;
      let end = pos;
      while (end < size) {
        // Awaiting only to read a new block keeps a resync over garbage (byte by byte) synchronous.
        if (!inBlock(end)) {
          blockStart = end;
          data = block.subarray(0, (await fh.read(block, 0, BLOCK, end)).bytesRead);
        }
        const f = inBlock(end) ? frameAt(data, end - blockStart) : null;
        if (!f) {
          // Not a frame header (garbage or a trailing tag): resynchronise byte by byte.
          end++;
          continue;
        }
        const tooBig = end + f.length - start > maxBytes;
        const tooLong = time + f.seconds - startTime > maxSeconds;
        if ((tooBig || tooLong) && end > start) break;
        end += f.length;
        time += f.seconds;
      }
      end = Math.min(end, size);
      bounds.push({ start, end, startTime });
      pos = end;
    }
    if (bounds.length === 1 && size <= maxBytes) return [{ path, bytes: size, startSeconds: 0 }];
    for (const b of bounds) {
      const out = `${outPrefix}.${chunks.length}.mp3`;
      await copyRange(fh, out, b.start, b.end, block);
      chunks.push({ path: out, bytes: b.end - b.start, startSeconds: b.startTime });
    }
    return chunks;
  } finally {
    await fh.close();
  }
}

/** Copies bytes [start, end) through the splitter's one block buffer (no fresh buffers per read). */
async function copyRange(src: FileHandle, to: string, start: number, end: number, block: Buffer) {
  // A piece of a call recording: as private as the download it comes from.
  const out = await open(to, 'w', 0o600);
  try {
    for (let pos = start; pos < end; ) {
      const { bytesRead } = await src.read(block, 0, Math.min(block.length, end - pos), pos);
      if (bytesRead === 0) throw new Error(`${to}: source ended at ${pos} of ${end}`);
      for (let done = 0; done < bytesRead; )
        done += (await out.write(block, done, bytesRead - done)).bytesWritten;
      pos += bytesRead;
    }
  } finally {
    await out.close();
  }
}
