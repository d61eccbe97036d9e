import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { transcribe, vttToText } from '../../recordings/transcriber.ts';
import { AppError } from '../../shared/errors.ts';
import { cliConfig } from '../runtime.ts';

export function registerTranscribe(program: Command) {
  program
    .command('transcribe <file>')
    .description(
      'Eine Aufnahme (Audio) mit dem konfigurierten Anbieter auf Deutsch transkribieren; eine .vtt-Datei von Webex wird in Text umgewandelt',
    )
    .option('--prompt <names>', 'Namen, die im Gespräch vorkommen (hilft bei der Schreibweise)', '')
    .action(async (file: string, o: { prompt: string }) => {
      const config = cliConfig();
      try {
        await stat(file);
      } catch {
        throw new AppError('file_unreadable', `Datei ${file} gibt es nicht`);
      }
      if (file.toLowerCase().endsWith('.vtt')) {
        process.stdout.write(`${vttToText(await readFile(file, 'utf8'))}\n`);
        return;
      }
      if (config.transcriptionProvider === 'webex') {
        throw new AppError(
          'provider_needs_audio_service',
          'TRANSCRIPTION_PROVIDER=webex nutzt das Transkript von Webex; für eine Audiodatei braucht es einen Transkriptionsdienst',
          {
            hint: 'TRANSCRIPTION_PROVIDER=openai (mit TRANSCRIPTION_API_KEY) oder openai-compatible (mit TRANSCRIPTION_BASE_URL) setzen.',
          },
        );
      }
      process.stdout.write(
        `${await transcribe(config, { audioPath: file, webexTranscriptVtt: null, prompt: o.prompt })}\n`,
      );
    });
}
