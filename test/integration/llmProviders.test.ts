import { beforeAll, describe, expect, it } from 'vitest';
import { extractWithOpenAi } from '../../src/extraction/providers/openaiExtractor.ts';
import type { OpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { aiControl, aiStackSuite, withFrameTranscription } from '../support/openAiStack.ts';
import { addCandidate } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { simRecording } from '../support/webexConnect.ts';

const TRANSCRIPT =
  'Recruiter: Was verdienen Sie?\nKandidat: Siebenundvierzigtausend brutto.\nRecruiter: Kündigungsfrist?\nKandidat: Vier Wochen.';

/** Audio → openai-compatible transcription → openai-compatible extraction, against the test double. */
describe('openai-compatible providers', () => {
  let ai: OpenAiTestServer;
  let stack: Stack;
  const suite = aiStackSuite();
  const faults = (next: string, times = 1) => aiControl(ai, 'faults', { next, times });

  beforeAll(async () => {
    ({ ai, stack } = suite);
    await addCandidate(stack, {
      firstName: 'Tom',
      lastName: 'Haas',
      phones: ['0711 2223344'],
    });
  });

  it('downloads the audio, transcribes it in German with the caller as prompt, extracts, and survives one malformed answer', async () => {
    await aiControl(ai, 'transcripts', { text: TRANSCRIPT });
    await faults('malformed');
    const rec = (await simRecording(stack, {
      personId: stack.personId,
      callingNumber: '+497112223344',
      sizeBytes: 300_000,
    }).then((r) => r.json())) as { id: string };
    await stack.app.pipeline.drain(20_000);
    const row = await stack.recordingOf(rec.id);
    expect(row).toMatchObject({ status: 'done', audio_path: null, record_type: 'candidate' });
    const transcription = ai.requests.find((r) => r.path === '/v1/audio/transcriptions')!.body as {
      language: string;
      prompt: string;
      bytes: number;
    };
    expect(transcription.language).toBe('de');
    expect(transcription.prompt).toContain('Tom Haas');
    expect(transcription.bytes).toBeGreaterThan(300_000);
    // The malformed answer came back for the transcription; the step was retried, not half-written.
    expect(ai.requests.filter((r) => r.path === '/v1/audio/transcriptions')).toHaveLength(2);
    expect(ai.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
    const cand = await stack.app.ctx.db
      .selectFrom('candidates')
      .selectAll()
      .where('last_name', '=', 'Haas')
      .executeTakeFirstOrThrow();
    expect(cand.current_salary_eur).toBe(47000);
  });

  it('splits a recording over the upload limit at frame boundaries and joins the pieces in order', async () => {
    await withFrameTranscription(
      ai,
      { transcriptionMaxUploadBytes: 100_000, extractionProvider: 'rules' },
      async (chunked) => {
        const before = ai.requests.length;
        const rec = (await simRecording(chunked, {
          personId: chunked.personId,
          callingNumber: '+4989000111',
          mp3Frames: 900,
        }).then((r) => r.json())) as { id: string };
        await chunked.app.pipeline.drain(20_000);
        const row = await chunked.recordingOf(rec.id);
        expect(row.status).toBe('done');
        const uploads = ai.requests.slice(before).filter((r) => r.path === '/v1/audio/transcriptions');
        expect(uploads).toHaveLength(4);
        expect(uploads.every((u) => (u.body as { bytes: number }).bytes < 101_000)).toBe(true);
        // Pieces are transcribed two at a time, but the transcript keeps the recording's order.
        const firstFrames = row.transcript!.split('\n').map((l) => Number(/^Teil (\d+)$/.exec(l)![1]));
        expect(firstFrames).toHaveLength(4);
        expect(firstFrames[0]).toBe(0);
        expect(firstFrames).toEqual([...firstFrames].sort((a, b) => a - b));
        const audit = await chunked.app.ctx.db
          .selectFrom('recording_audit')
          .select('detail')
          .where('recording_id', '=', row.id)
          .where('event', '=', 'transcribed')
          .executeTakeFirstOrThrow();
        expect(audit.detail).toMatch(/4 pieces from 00:00:00, 00:00:\d\d, 00:00:\d\d, 00:00:\d\d/);
      },
    );
  });

  it('holds back downloads while transcriptions fail, so a backlog does not pile up on disk', async () => {
    const before = await stack.app.ctx.db.selectFrom('recording_audit').select('id').execute();
    // The provider is down while seven recordings arrive, then comes back.
    await faults('fail', 1000);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = (await simRecording(stack, {
        personId: stack.personId,
        callingNumber: `+4989700000${i}`,
        mp3Frames: 40,
      }).then((x) => x.json())) as { id: string };
      ids.push(r.id);
    }
    await new Promise((r) => setTimeout(r, 1500));
    await faults('none', 0);
    await stack.app.pipeline.drain(60_000);
    const recs = await stack.app.ctx.db
      .selectFrom('recordings')
      .select(['id', 'status'])
      .where('webex_recording_id', 'in', ids)
      .execute();
    expect(recs.map((r) => r.status)).toEqual(Array(7).fill('done'));
    // In commit order: audio is on disk from its download to its transcript.
    const audit = await stack.app.ctx.db
      .selectFrom('recording_audit')
      .select(['event'])
      .where('id', 'not in', before.length ? before.map((b) => b.id) : [-1])
      .where('event', 'in', ['downloaded', 'transcribed'])
      .orderBy('id')
      .execute();
    let onDisk = 0;
    let most = 0;
    for (const a of audit) {
      if (a.event === 'downloaded') most = Math.max(most, ++onDisk);
      else onDisk--;
    }
    const slots = stack.app.ctx.config.recordingConcurrency;
    // Two per slot may wait; downloads that checked at the same moment may add one each but the last.
    expect(most).toBeLessThanOrEqual(2 * slots + slots - 1);
    expect(audit.filter((a) => a.event === 'downloaded')).toHaveLength(7);
  }, 60_000);

  it('drops and flags a value whose quote is not in the transcript', async () => {
    await faults('unsupported_value');
    const { extraction, flags } = await extractWithOpenAi(
      { baseUrl: `${ai.url}/v1`, apiKey: undefined, model: 'gpt-4o-mini' },
      TRANSCRIPT,
      '2026-05-04',
    );
    expect(extraction.currentSalaryEur).toBeNull();
    expect(flags).toContainEqual({
      field: 'currentSalaryEur',
      reason: 'Beleg steht nicht im Transkript',
    });
    expect(extraction.noticePeriod).toEqual({ amount: 4, unit: 'weeks', toEndOf: null });
    // Structured outputs: the record's JSON schema, strict, German transcript and call date in the prompt.
    const sent = ai.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as {
      model: string;
      response_format: { type: string; json_schema: { strict: boolean; schema: { required: string[] } } };
      messages: { role: string; content: string }[];
    };
    expect(sent.model).toBe('gpt-4o-mini');
    expect(sent.response_format.type).toBe('json_schema');
    expect(sent.response_format.json_schema.strict).toBe(true);
    expect(sent.response_format.json_schema.schema.required).toContain('evidence');
    expect(sent.messages.at(-1)!.content).toContain('Gesprächsdatum: 2026-05-04');
  });

  it('reports a refused key as a clear error', async () => {
    await faults('refuse');
    await expect(
      extractWithOpenAi({ baseUrl: `${ai.url}/v1`, apiKey: 'wrong', model: 'x' }, TRANSCRIPT, '2026-05-04'),
    ).rejects.toMatchObject({
      code: 'provider_refused',
      hint: expect.stringContaining('EXTRACTION_API_KEY'),
    });
  });

  it("splits a recording over OpenAI's 25 MB upload limit into pieces and joins them in order", async () => {
    await withFrameTranscription(
      ai,
      {
        // Only the upload limit (OpenAI's 25 MB, the default) splits here, not the length.
        transcriptionMaxChunkSeconds: 24 * 3600,
        extractionProvider: 'rules',
      },
      async (big) => {
        const before = ai.requests.length;
        // 64,000 frames of 417/418 bytes: 26.7 MB, about 28 minutes.
        const rec = (await simRecording(big, {
          personId: big.personId,
          callingNumber: '+4989000112',
          mp3Frames: 64_000,
        }).then((r) => r.json())) as { id: string; sizeBytes: number };
        expect(rec.sizeBytes).toBeGreaterThan(25 * 1024 * 1024);
        await big.app.pipeline.drain(60_000);
        const row = await big.recordingOf(rec.id);
        expect(row.status).toBe('done');
        const uploads = ai.requests.slice(before).filter((r) => r.path === '/v1/audio/transcriptions');
        expect(uploads).toHaveLength(2);
        expect(uploads.every((u) => (u.body as { bytes: number }).bytes < 25 * 1024 * 1024 + 1024)).toBe(
          true,
        );
        const firstFrames = row.transcript!.split('\n').map((l) => Number(/^Teil (\d+)$/.exec(l)![1]));
        expect(firstFrames[0]).toBe(0);
        expect(firstFrames[1]).toBeGreaterThan(60_000);
      },
    );
  }, 120_000);
});
