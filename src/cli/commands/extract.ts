import type { Command } from 'commander';
import { extractWithRules } from '../../extraction/index.ts';
import { extractWithOpenAi } from '../../extraction/providers/openaiExtractor.ts';
import { AppError } from '../../shared/errors.ts';
import { isCalendarDay } from '../options.ts';
import { cliConfig, readInputFile } from '../runtime.ts';

export function registerExtract(program: Command) {
  program
    .command('extract <file>')
    .description(
      'Aus einem Gesprächstranskript (Text, UTF-8) den Datensatz nach spec/extraction.md erzeugen und als JSON ausgeben',
    )
    .option('--provider <provider>', 'rules (offline) | openai | openai-compatible', 'rules')
    .option(
      '--call-date <date>',
      'Datum des Gesprächs (YYYY-MM-DD), für relative Angaben wie „nächsten Dienstag“',
      new Date().toISOString().slice(0, 10),
    )
    .action(async (file: string, o: { provider: string; callDate: string }) => {
      if (!isCalendarDay(o.callDate)) {
        throw new AppError('invalid_input', `--call-date "${o.callDate}" ist kein Datum`, {
          hint: 'Als JJJJ-MM-TT angeben, z. B. 2026-11-20.',
        });
      }
      const provider = o.provider;
      if (provider !== 'rules' && provider !== 'openai' && provider !== 'openai-compatible') {
        throw new AppError('invalid_input', `Unbekannter Anbieter "${o.provider}"`, {
          hint: '--provider rules, openai oder openai-compatible angeben.',
        });
      }
      const text = await readInputFile(file);
      // As the chosen provider, so its settings are checked as for the service (openai needs the key).
      const config = cliConfig({ extractionProvider: provider });
      const { extraction, flags } =
        provider === 'rules'
          ? extractWithRules(text, o.callDate)
          : await extractWithOpenAi(
              {
                baseUrl: config.extractionBaseUrl,
                apiKey: config.extractionApiKey,
                model: config.extractionModel,
              },
              text,
              o.callDate,
            );
      for (const f of flags) process.stderr.write(`verworfen: ${f.field} (${f.reason})\n`);
      process.stdout.write(`${JSON.stringify(extraction, null, 2)}\n`);
    });
}
