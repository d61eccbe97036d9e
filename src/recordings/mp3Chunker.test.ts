import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameAt, splitMp3 } from './mp3Chunker.ts';

/** A synthetic MPEG-1 Layer III stream: 128 kbps, 44.1 kHz, frames of 417/418 bytes. */
function mp3(frames: number): Buffer {
  const parts: Buffer[] = [Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x05hello', 'latin1')];
  for (let i = 0; i < frames; i++) {
    const padding = i % 3 === 0 ? 1 : 0;
    const f = Buffer.alloc(417 + padding, i % 256);
    f[0] = 0xff;
    f[1] = 0xfb;
    f[2] = 0x90 | (padding << 1);
    f[3] = 0x64;
    parts.push(f);
  }
  return Buffer.concat(parts);
}

describe('splitMp3', () => {
  it('reads frame headers', () => {
    const b = mp3(1).subarray(15);
    expect(frameAt(b, 0)).toEqual({ length: 418, seconds: 1152 / 44100 });
    expect(frameAt(Buffer.from([0, 1, 2, 3]), 0)).toBeNull();
  });

  it('cuts only between frames, keeps every byte in order, and gives each piece its start time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-mp3-'));
    const src = join(dir, 'in.mp3');
    const data = mp3(1000);
    writeFileSync(src, data);
    const chunks = await splitMp3(src, 100_000, join(dir, 'part'));
    expect(chunks.length).toBe(5);
    expect(chunks.every((c) => c.bytes <= 100_000)).toBe(true);
    const joined = Buffer.concat(chunks.map((c) => readFileSync(c.path)));
    expect(joined.equals(data.subarray(15))).toBe(true);
    for (const c of chunks) expect(frameAt(readFileSync(c.path), 0)).not.toBeNull();
    expect(chunks[0]!.startSeconds).toBe(0);
    expect(chunks[1]!.startSeconds).toBeGreaterThan(6);
    expect(chunks.map((c) => c.startSeconds)).toEqual(
      [...chunks.map((c) => c.startSeconds)].sort((a, b) => a - b),
    );
  });

  it('leaves a file under the limit whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-mp3-'));
    const src = join(dir, 'small.mp3');
    writeFileSync(src, mp3(10));
    expect(await splitMp3(src, 100_000, join(dir, 'p'))).toEqual([
      { path: src, bytes: mp3(10).length, startSeconds: 0 },
    ]);
  });

  it('also cuts by length, at frame boundaries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-mp3-'));
    const src = join(dir, 'long.mp3');
    const data = mp3(1000); // ~26.1 s
    writeFileSync(src, data);
    const chunks = await splitMp3(src, 10_000_000, join(dir, 'p'), 10);
    expect(chunks.map((c) => Math.round(c.startSeconds))).toEqual([0, 10, 20]);
    expect(Buffer.concat(chunks.map((c) => readFileSync(c.path))).equals(data.subarray(15))).toBe(true);
    expect(await splitMp3(src, 10_000_000, join(dir, 'q'), 60)).toEqual([
      { path: src, bytes: data.length, startSeconds: 0 },
    ]);
  });

  it('steps over bytes that are not frames, across block boundaries, counting only frame time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-mp3-'));
    const src = join(dir, 'gap.mp3');
    // 1.5 MB of zeros between two runs of frames: more than one read block of 1 MiB.
    const data = Buffer.concat([mp3(500), Buffer.alloc(1_500_000), mp3(500).subarray(15)]);
    writeFileSync(src, data);
    const chunks = await splitMp3(src, 10_000_000, join(dir, 'p'), 20);
    expect(Buffer.concat(chunks.map((c) => readFileSync(c.path))).equals(data.subarray(15))).toBe(true);
    // 1000 frames of 26.1 ms: 26.1 s of audio, so two pieces, whatever the gap's size.
    expect(chunks.map((c) => Math.round(c.startSeconds))).toEqual([0, 20]);
  });
});
