/** A WebVTT transcript as Webex returns one: a cue per line, a second each (so at most ten lines). */
export const vtt = (lines: string[]) =>
  `WEBVTT\n\n${lines.map((l, i) => `${i + 1}\n00:00:0${i}.000 --> 00:00:0${i + 1}.000\n${l}`).join('\n\n')}\n`;
