import { html } from '../html.ts';

/**
 * The pages a browser gets for a refused or failed request and for an unknown address. They are
 * standalone (no layout, no user): the error handler renders them without a database.
 */
export const errorPages = {
  error: (status: number, message: string, hint: string | null) =>
    html`<!doctype html><html lang="de"><meta charset="utf-8"><title>Fehler</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"><main class="error-page"><h1>${status === 404 ? 'Nicht gefunden' : 'Fehler'}</h1><p>${message}</p>${hint ? html`<p class="hint">${hint}</p>` : ''}<p><a href="/">Zur Startseite</a></p></main></html>`,
  notFound: () =>
    html`<!doctype html><html lang="de"><meta charset="utf-8"><title>Nicht gefunden</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/app.css"><main class="error-page"><h1>Seite nicht gefunden</h1><p><a href="/">Zur Startseite</a></p></main></html>`,
};
