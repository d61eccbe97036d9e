import type { User } from '../db/schema.ts';
import { html, type SafeHtml } from './html.ts';

export type NavSection =
  | 'anrufe'
  | 'eingang'
  | 'aufgaben'
  | 'aufnahmen'
  | 'leads'
  | 'kandidaten'
  | 'import'
  | 'webex'
  | null;

export interface PageOptions {
  title: string;
  user: User | null;
  section?: NavSection;
  flash?: string | null;
  /** Page scripts from src/web/assets/ (inline scripts are forbidden by the CSP). */
  scripts?: string[];
}

const NAV: [NavSection, string, string][] = [
  ['anrufe', '/anrufe', 'Anrufe'],
  ['eingang', '/nicht-zugeordnet', 'Nicht zugeordnet'],
  ['aufgaben', '/aufgaben', 'Aufgaben'],
  ['leads', '/leads', 'Leads'],
  ['kandidaten', '/kandidaten', 'Kandidaten'],
  ['import', '/import', 'Import'],
  ['aufnahmen', '/aufnahmen', 'Aufnahmen'],
  ['webex', '/webex', 'Webex'],
];

/** The frame of every page: navigation, live indicator and the pop-up container for logged-in users. */
export function page(opts: PageOptions, body: SafeHtml): SafeHtml {
  const u = opts.user;
  return html`<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} · CallBridge</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<link rel="stylesheet" href="/assets/records.css">
<script type="module" src="/assets/page.js"></script>
${u ? html`<script type="module" src="/assets/popup.js"></script><script type="module" src="/assets/nav.js"></script>` : ''}
${(opts.scripts ?? []).map((s) => html`<script type="module" src="/assets/${s}"></script>`)}
</head>
<body>
${
  u
    ? html`<header class="topbar">
  <a class="skip-link" id="jump-to-popup" href="#popups" aria-keyshortcuts="Alt+Shift+A">Zum neuesten Anruf-Pop-up (Alt+Umschalt+A)</a>
  <a class="brand" href="/anrufe">CallBridge</a>
  <button type="button" class="menu-button" id="menu-button" aria-expanded="false" aria-controls="main-nav">Menü</button>
  <nav id="main-nav" aria-label="Hauptnavigation">${NAV.map(([key, href, label]) => html`<a href="${href}" class="${opts.section === key ? 'active' : ''}"${opts.section === key ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
  <div class="topbar-right">
    <span id="live-status" class="live-status" title="Live-Verbindung für Anruf-Pop-ups">Verbinde…</span>
    <button type="button" id="enable-notifications" class="link-button" hidden title="Desktop-Benachrichtigungen für eingehende Anrufe aktivieren">Benachrichtigungen aktivieren</button>
    <span class="user" title="${u.display_name}">${u.display_name}${u.role === 'admin' ? ' (Admin)' : ''}</span>
    <form method="post" action="/logout" class="inline"><button type="submit" class="link-button">Abmelden</button></form>
  </div>
</header>`
    : ''
}
${u ? html`<div id="webex-banner" class="banner" role="status" hidden></div>` : ''}
<main class="content">
${opts.flash ? html`<p class="flash" role="status">${opts.flash}</p>` : ''}
${body}
</main>
${u ? html`<section id="popups" class="popups" aria-live="assertive" aria-label="Anruf-Pop-ups: Alt+Umschalt+A springt zum neuesten, Enter öffnet, Esc schließt" data-user-id="${u.id}"></section>` : ''}
</body>
</html>`;
}
