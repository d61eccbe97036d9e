import type { z } from 'zod';
import { formatNumber } from '../phone/phoneNumber.ts';
import { AppError } from '../shared/errors.ts';
import { html, type SafeHtml } from './html.ts';

export interface FieldDef {
  name: string;
  label: string;
  type: 'text' | 'email' | 'textarea' | 'select' | 'phones';
  required?: boolean;
  options?: Record<string, string>;
  hint?: string;
}

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** Renders a form whose fields keep what was typed and show their German error next to them. */
export function recordForm(
  action: string,
  fields: FieldDef[],
  values: FormValues,
  errors: FormErrors,
  submit: string,
  hidden: FormValues = {},
  cancelHref = '/',
  warning: SafeHtml | null = null,
): SafeHtml {
  return html`<form method="post" action="${action}" class="stack card" novalidate>
  ${errors['_form'] ? html`<p class="error-box" role="alert">${errors['_form']}</p>` : ''}
  ${warning ?? ''}
  ${Object.entries(hidden).map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
  ${fields.map((f) => {
    const id = `f-${f.name}`;
    const v = values[f.name] ?? '';
    const err = errors[f.name];
    const control =
      f.type === 'textarea' || f.type === 'phones'
        ? html`<textarea id="${id}" name="${f.name}" rows="${f.type === 'phones' ? 3 : 5}">${v}</textarea>`
        : f.type === 'select'
          ? html`<select id="${id}" name="${f.name}">${Object.entries(f.options ?? {}).map(
              ([k, label]) => html`<option value="${k}" ${k === v ? html`selected` : ''}>${label}</option>`,
            )}</select>`
          : html`<input id="${id}" name="${f.name}" type="${f.type}" value="${v}" ${f.required ? html`required` : ''}>`;
    return html`<div class="${err ? 'has-error' : ''}">
      <label for="${id}">${f.label}${f.required ? ' *' : ''}</label>${control}
      ${f.hint ? html`<div class="muted">${f.hint}</div>` : ''}
      ${err ? html`<div class="field-error">${err}</div>` : ''}
    </div>`;
  })}
  <div class="actions"><button type="submit" class="primary">${warning ? 'Trotzdem speichern' : submit}</button><a href="${cancelHref}" data-back>Abbrechen</a></div>
</form>`;
}

/** Maps zod issues and ValidationErrors of a record to per-field German messages. */
export function fieldErrors(err: unknown, fields: FieldDef[]): FormErrors {
  const errors: FormErrors = {};
  const known = new Set(fields.map((f) => f.name));
  const issues = (err as z.ZodError).issues;
  if (Array.isArray(issues)) {
    for (const i of issues) {
      const f = String(i.path[0] ?? '');
      errors[known.has(f) ? f : '_form'] ??= i.message;
    }
    return errors;
  }
  if (err instanceof AppError) {
    const field = (err.details as { field?: string } | undefined)?.field;
    errors[field && known.has(field) ? field : '_form'] = err.message;
    return errors;
  }
  throw err;
}

export const phonesText = (phones: string[]): string => phones.map(formatNumber).join('\n');
