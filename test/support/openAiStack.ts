import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { type Stack, startStack } from './stack.ts';
import { connectMilad } from './webexConnect.ts';

/** Sets how the OpenAI-compatible test server answers next: a POST to one of its /_test/ controls. */
export const aiControl = (ai: OpenAiTestServer, control: 'faults' | 'transcripts' | 'mode', body: unknown) =>
  fetch(`${ai.url}/_test/${control}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * CallBridge transcribing and extracting with the OpenAI-compatible test server `ai` (unless `overrides`
 * say otherwise), recordings downloaded from the simulator, milad's line connected.
 */
export async function startAiStack(ai: OpenAiTestServer, overrides: Partial<Config> = {}): Promise<Stack> {
  const stack = await startStack({
    transcriptionProvider: 'openai-compatible',
    transcriptionBaseUrl: `${ai.url}/v1`,
    extractionProvider: 'openai-compatible',
    extractionBaseUrl: `${ai.url}/v1`,
    recordingDownloadHosts: ['127.0.0.1'],
    ...overrides,
  });
  try {
    await connectMilad(stack);
    return stack;
  } catch (err) {
    await stack.close();
    throw err;
  }
}

/**
 * Runs `fn` on a stack of its own while the test server transcribes each upload as the frames it holds
 * ("Teil N"), then puts the server back to its queue of texts and closes the stack.
 */
export async function withFrameTranscription<T>(
  ai: OpenAiTestServer,
  overrides: Partial<Config>,
  fn: (stack: Stack) => Promise<T>,
): Promise<T> {
  const stack = await startAiStack(ai, overrides);
  try {
    await aiControl(ai, 'mode', { transcription: 'frame' });
    return await fn(stack);
  } finally {
    await aiControl(ai, 'mode', { transcription: 'queue' });
    await stack.close();
  }
}

/**
 * The OpenAI-compatible test server and `startAiStack` on it, started before the calling `describe`'s
 * own hooks and closed after them.
 */
export function aiStackSuite(): { ai: OpenAiTestServer; stack: Stack } {
  const suite = {} as { ai: OpenAiTestServer; stack: Stack };
  beforeAll(async () => {
    suite.ai = await startOpenAiTestServer();
    suite.stack = await startAiStack(suite.ai);
  });
  afterAll(async () => {
    await suite.stack?.close();
    await suite.ai?.close();
  });
  return suite;
}
