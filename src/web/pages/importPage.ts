import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser } from '../../auth/requestUser.ts';
import { type ImportKind, importCsv, type RowError } from '../../crm/csvImporter.ts';
import type { DuplicateNumber } from '../../crm/importDuplicates.ts';
import { recordLabel, recordPath } from '../../crm/numberOwners.ts';
import type { DB } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { orEmpty } from '../../http/validation.ts';
import { formatNumber, type PhoneRules } from '../../phone/phoneNumber.ts';
import { AppError } from '../../shared/errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

function importForm(kind: ImportKind, csv: string, skip: boolean, merge: boolean): SafeHtml {
  return html`<form method="post" action="/import" class="stack card" id="import-form">
  <label for="kind">Was importieren?</label>
  <select id="kind" name="kind"><option value="leads" ${kind === 'leads' ? html`selected` : ''}>Leads (Firmen)</option><option value="candidates" ${kind === 'candidates' ? html`selected` : ''}>Kandidaten</option></select>
  <label for="file">CSV-Datei</label>
  <input id="file" type="file" accept=".csv,text/csv,text/plain">
  <label for="csv">… oder Inhalt einfügen</label>
  <textarea id="csv" name="csv" rows="10" placeholder="firma;ansprechpartner;telefon&#10;ACME GmbH;Petra Schulz;030 123456">${csv}</textarea>
  <label style="font-weight:normal"><input type="checkbox" name="skipInvalid" value="1" ${skip ? html`checked` : ''}> Fehlerhafte Zeilen überspringen und den Rest importieren</label>
  <label style="font-weight:normal"><input type="checkbox" name="merge" value="1" ${merge ? html`checked` : ''}> Bestehende Datensätze ergänzen: eine Zeile mit Nummer und Name (Leads: Firma) eines vorhandenen Datensatzes wird in diesen übernommen statt doppelt angelegt</label>
  <p class="muted">Kopfzeile mit Spaltennamen; Trennzeichen Komma, Semikolon oder Tab. Leads: <code>firma</code>*, ansprechpartner, telefon, email, stadt, notizen. Kandidaten: <code>vorname</code>* und <code>nachname</code>* (oder <code>name</code>), position, status, telefon, mobil, email, stadt, notizen. Mehrere Nummern in einer Zelle mit | trennen.</p>
  <div class="actions"><button type="submit" class="primary">Importieren</button></div>
</form>`;
}

function errorTable(errors: RowError[]): SafeHtml {
  return html`<table id="import-errors"><thead><tr><th>Zeile</th><th>Spalte</th><th>Grund</th></tr></thead><tbody>${errors.map(
    (e) => html`<tr><td>${e.line}</td><td>${e.column || '–'}</td><td>${e.reason}</td></tr>`,
  )}</tbody></table>`;
}

function duplicateTable(dups: DuplicateNumber[]): SafeHtml {
  const created = dups.filter((d) => d.action === 'created').length;
  return html`<h2>Nummern, die schon einem Datensatz gehören</h2>
${created ? html`<div class="banner warning" role="alert" id="import-duplicates-warning">${created === 1 ? 'Eine Nummer gehört' : `${created} Nummern gehören`} jetzt zu zwei Datensätzen. Ein Anruf von dieser Nummer zeigt beide zur Auswahl. Wenn es derselbe Kontakt ist: Zeile mit gleichem Namen erneut importieren mit „Bestehende Datensätze ergänzen“, oder die Nummer beim falschen Datensatz entfernen.</div>` : ''}
<div class="table-scroll"><table id="import-duplicates"><thead><tr><th>Zeile</th><th>Nummer</th><th>Vorhandener Datensatz</th><th>Ergebnis</th></tr></thead><tbody>${dups.map(
    (d) =>
      html`<tr><td>${d.line}</td><td>${formatNumber(d.e164)}</td><td><a href="${recordPath(d.existing)}">${recordLabel(d.existing)}</a></td><td>${d.action === 'merged' ? 'in diesen Datensatz übernommen' : 'zweiter Datensatz angelegt'}</td></tr>`,
  )}</tbody></table></div>`;
}

const importBody = orEmpty(
  z.object({
    kind: form.text(),
    csv: form.text(),
    skipInvalid: form.text(),
    merge: form.text(),
  }),
);

export const importPage: FastifyPluginAsyncZod<{ db: Kysely<DB>; phoneRules: PhoneRules }> = async (
  app,
  ctx,
) => {
  app.get('/import', { config: { access: 'user' } }, async (req, reply) => {
    const user = pageUser(req, reply);
    if (!user) return reply;
    return sendPage(
      reply,
      page(
        { title: 'Import', user, section: 'import', scripts: ['importForm.js'] },
        html`<h1>CSV-Import</h1>${importForm('leads', '', false, false)}`,
      ),
    );
  });
  app.post('/import', { config: { access: 'user' }, schema: { body: importBody } }, async (req, reply) => {
    const user = pageUser(req, reply);
    if (!user) return reply;
    const b = req.body;
    const kind: ImportKind = b.kind === 'candidates' ? 'candidates' : 'leads';
    const csv = b.csv ?? '';
    const skip = b.skipInvalid === '1';
    const merge = b.merge === '1';
    let result: SafeHtml;
    let status = 200;
    try {
      if (!csv.trim())
        throw new AppError('invalid_input', 'Keine CSV-Daten: Datei wählen oder Inhalt einfügen.');
      const r = await importCsv(ctx.db, ctx.phoneRules, kind, csv, { skipInvalid: skip, merge });
      // Skipped rows are a partial failure: said in the warning style, never in the green success box.
      result = html`<p class="${r.skipped ? 'warning-box' : 'flash'}" role="status" id="import-result">${r.imported} von ${r.rows} Zeilen importiert${r.merged ? `, ${r.merged} in bestehende Datensätze übernommen` : ''}${r.skipped ? `, ${r.skipped} übersprungen` : ''}. <a href="/${kind === 'leads' ? 'leads' : 'kandidaten'}">Zur Liste</a></p>
${r.duplicates.length ? duplicateTable(r.duplicates) : ''}
${r.errors.length ? html`<h2>Übersprungene Zeilen</h2>${errorTable(r.errors)}` : ''}`;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      status = 400;
      const rows = Array.isArray(err.details)
        ? (err.details as RowError[]).filter((d) => typeof d === 'object' && d && 'line' in d)
        : [];
      result = html`<div class="error-box" role="alert" id="import-result"><strong>${err.message}</strong>${err.hint ? html`<br>${err.hint}` : ''}</div>${rows.length ? html`<h2>Fehlerhafte Zeilen</h2>${errorTable(rows)}` : ''}`;
    }
    return sendPage(
      reply.status(status),
      page(
        { title: 'Import', user, section: 'import', scripts: ['importForm.js'] },
        html`<h1>CSV-Import</h1>${result}${importForm(kind, status === 200 ? '' : csv, skip, merge)}`,
      ),
    );
  });
};
