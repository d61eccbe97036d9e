import type { FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ValidationError } from '../shared/errors.ts';

/**
 * Route schemas are zod (fastify-type-provider-zod runs them, `req.body`/`req.query` are typed by
 * them); what a refused request is told is decided here, once, in German:
 * - a query: "Ungültige Angabe in der Adresse: …" (`invalid_query`), each bad parameter named;
 * - a form posted to a page: "Ungültige Angabe im Formular: …" (`invalid_input`), on the error page;
 * - a body sent to the JSON API (/api/…): "Eingaben ungültig", one `{ field, reason }` per problem;
 * - a route whose refusal says more declares it: `config: { invalidInput: { message, hint } }`;
 *   the old backend's routes keep their own code and "Body ungültig: <path>: <reason>; …".
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a request that does not fit the route's schema is told instead of the generic message. */
    invalidInput?:
      | {
          message: string;
          hint?: string;
          /** The error code (default `invalid_input`). */
          code?: string;
          /** Append each problem as `path: reason`, `; `-separated. */
          listProblems?: boolean;
        }
      /** A domain's own wording of the problems (its schema's messages are written for people). */
      | ((problems: Problem[]) => AppError);
  }
}

interface Problem {
  /** Dotted path of the value (`nummer`, `noticePeriod.unit`); empty for the whole body or query. */
  path: string;
  message: string;
}

const list = (problems: Problem[], whole: string) =>
  problems.map((p) => `${p.path || whole}: ${p.message}`).join('; ');

const queryRefusal = (problems: Problem[]) =>
  new AppError('invalid_query', `Ungültige Angabe in der Adresse: ${list(problems, '(Abfrage)')}`, {
    status: 400,
    hint: 'Den Filter korrigieren oder zurücksetzen und erneut versuchen.',
  });

const formRefusal = (problems: Problem[]) =>
  new AppError('invalid_input', `Ungültige Angabe im Formular: ${list(problems, '(Formular)')}`, {
    status: 400,
    hint: 'Die Seite neu laden und das Formular erneut absenden.',
  });

const jsonRefusal = (problems: Problem[]) =>
  new ValidationError(
    'Eingaben ungültig',
    problems.map((p) => ({ field: p.path.split('.')[0] ?? '', reason: p.message })),
  );

/** The JSON API is under /api/; every other route with a body takes a form from a page. */
const isApi = (req: FastifyRequest) => (req.routeOptions.url ?? req.url).startsWith('/api/');

/** The German refusal for a request its route schema refused; null for any other error. */
export function validationRefusal(err: unknown, req: FastifyRequest): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(err)) return null;
  const problems = err.validation.map((v) => ({
    path: v.instancePath.slice(1).replaceAll('/', '.'),
    message: v.message ?? 'ungültig',
  }));
  const own = req.routeOptions.config.invalidInput;
  if (typeof own === 'function') return own(problems);
  if (own) {
    const listed = own.listProblems ? `: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}` : '';
    return new AppError(
      own.code ?? 'invalid_input',
      `${own.message}${listed}`,
      own.hint ? { hint: own.hint } : {},
    );
  }
  if (err.validationContext === 'querystring') return queryRefusal(problems);
  return isApi(req) ? jsonRefusal(problems) : formRefusal(problems);
}

/** A route's body schema for which no body at all means no fields (a form posted empty, `{}`). */
export const orEmpty = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? {}, schema);
