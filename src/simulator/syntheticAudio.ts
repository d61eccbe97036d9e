import { spawn } from 'node:child_process';
import { frameAt } from '../recordings/mp3Chunker.ts';

/** A valid MPEG-1 Layer III frame sequence whose payload starts with the frame's index (16 bit), so chunking sees real frame boundaries and tests can tell pieces apart. */
export function syntheticMp3(frames: number): Buffer {
  const out = Buffer.alloc(frames * 418);
  let pos = 0;
  for (let i = 0; i < frames; i++) {
    const padding = i % 3 === 0 ? 1 : 0;
    out[pos] = 0xff;
    out[pos + 1] = 0xfb;
    out[pos + 2] = 0x90 | (padding << 1);
    out[pos + 3] = 0x64;
    out.fill(i % 256, pos + 4, pos + 417 + padding);
    // The frame's index (mod 2^16) lets tests check that pieces are joined in order.
    out.writeUInt16BE(i & 0xffff, pos + 4);
    pos += 417 + padding;
  }
  return out.subarray(0, pos);
}

/** Seconds of audio in an MP3 buffer, by walking its frames. */
export function mp3Seconds(buf: Buffer): number {
  let pos = 0;
  let seconds = 0;
  if (buf.toString('latin1', 0, 3) === 'ID3')
    pos = 10 + ((buf[6]! << 21) | (buf[7]! << 14) | (buf[8]! << 7) | buf[9]!);
  while (pos < buf.length) {
    const f = frameAt(buf, pos);
    if (!f) {
      pos++;
      continue;
    }
    seconds += f.seconds;
    pos += f.length;
  }
  return seconds;
}

function run(cmd: string, args: string[], input: Buffer | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err += d;
    });
    child.on('error', (e) =>
      reject(
        new Error(
          `${cmd} is not installed (${e.message}): apt-get install -y espeak-ng lame — or post an MP3 file instead`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`${cmd} exited ${code}: ${err.slice(-300)}`)),
    );
    child.stdin.end(input ?? undefined);
  });
}

const vttTime = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23);

/**
 * "Records" a German call: each script line ("Recruiter: Guten Tag …") is spoken by espeak-ng and
 * encoded by lame (Debian's packages) into MP3 frames that are simply concatenated; the WebVTT transcript
 * Webex would make carries each line's real offsets and its speaker.
 */
export async function speechMp3(script: string[]): Promise<{ audio: Buffer; vtt: string; seconds: number }> {
  const parts: Buffer[] = [];
  const cues: string[] = [];
  let at = 0;
  for (const [i, line] of script.entries()) {
    const m = /^([^:]{1,40}):\s*(.+)$/.exec(line.trim());
    const speaker = m?.[1] ?? null;
    const text = m?.[2] ?? line.trim();
    const wav = await run('espeak-ng', ['-v', 'de', '-s', '165', '--stdout', text], null);
    // -t: no Xing/Info tag, so the pieces join into one valid stream; 32 kbit/s mono like a phone call.
    const mp3 = await run('lame', ['--quiet', '-t', '-b', '32', '-m', 'm', '-', '-'], wav);
    const len = mp3Seconds(mp3);
    cues.push(
      `${i + 1}\n${vttTime(at)} --> ${vttTime(at + len)}\n${speaker ? `<v ${speaker}>${text}</v>` : text}`,
    );
    parts.push(mp3);
    at += len;
  }
  return { audio: Buffer.concat(parts), vtt: `WEBVTT\n\n${cues.join('\n\n')}\n`, seconds: at };
}
