import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStepTestDb, recordingRow } from '../../../test/support/stepTestDb.ts';
import { RetryJobLater } from '../../jobs/jobQueue.ts';
import { roomForAudio } from './downloadStep.ts';

describe('roomForAudio (real SQLite)', () => {
  let database: Awaited<ReturnType<typeof openStepTestDb>>;
  beforeAll(async () => {
    database = await openStepTestDb();
  });
  afterAll(() => database.dispose());

  it('holds a download back while two per slot wait for transcription, not counting stopped ones', async () => {
    const db = database.db;
    const deps = { db, concurrency: 1 };
    const me = recordingRow({ id: 'me', step: 'download' });
    await db
      .insertInto('recordings')
      .values([
        me,
        recordingRow({ id: 'w1', step: 'transcribe', audio_path: '/tmp/w1.mp3' }),
        recordingRow({ id: 'f1', step: 'transcribe', status: 'failed', audio_path: '/tmp/f1.mp3' }),
      ])
      .execute();
    await expect(roomForAudio(deps, me)).resolves.toBeUndefined();
    await db
      .insertInto('recordings')
      .values(recordingRow({ id: 'w2', step: 'transcribe', audio_path: '/tmp/w2.mp3' }))
      .execute();
    const err = await roomForAudio(deps, me).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryJobLater);
    expect(err).toMatchObject({ uncounted: true, message: expect.stringContaining('2 heruntergeladene') });
    await expect(roomForAudio({ db, concurrency: 2 }, me)).resolves.toBeUndefined();
  });
});
