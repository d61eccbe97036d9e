import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { form } from './form.ts';
import { q } from './query.ts';
import { orEmpty, validationRefusal } from './validation.ts';

/** Route schemas refuse in German: per query, form and JSON body, or as the route declares. */
describe('route schema refusals', () => {
  const app = Fastify();
  const routes: FastifyPluginAsyncZod = async (r) => {
    r.get('/liste', { schema: { querystring: z.object({ seite: q.page(), q: q.text() }) } }, async (req) => ({
      seite: req.query.seite ?? 1,
    }));
    r.post('/notiz', { schema: { body: orEmpty(z.object({ notiz: form.text() })) } }, async (req) => ({
      notiz: req.body.notiz ?? null,
    }));
    r.post(
      '/api/menge',
      { schema: { body: z.object({ name: z.string().min(1), anzahl: z.number().int() }) } },
      async (req) => req.body,
    );
    r.post(
      '/api/alt',
      {
        schema: { body: z.object({ phone: z.string(), n: z.number() }) },
        config: { invalidInput: { code: 'invalid_payload', message: 'Body ungültig', listProblems: true } },
      },
      async () => 'ok',
    );
    r.post(
      '/api/worte',
      {
        schema: { body: z.object({ art: z.enum(['a', 'b'], { error: 'Art fehlt: a oder b' }) }) },
        config: {
          invalidInput: (problems) =>
            new AppError('invalid_input', problems.map((p) => p.message).join('; '), { hint: 'a oder b.' }),
        },
      },
      async () => 'ok',
    );
    r.post(
      '/anmelden',
      {
        schema: { body: z.object({ username: z.string().min(1) }) },
        config: { invalidInput: { message: 'username wird benötigt', hint: 'Erneut anmelden.' } },
      },
      async () => 'ok',
    );
  };

  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    await app.register(formbody);
    app.setErrorHandler((error, req, reply) => {
      const err = validationRefusal(error, req) ?? error;
      if (!(err instanceof AppError)) return reply.status(500).send({ error: 'not_refused' });
      return reply.status(err.status).send(err.toJSON());
    });
    await app.register(routes);
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string, type: string) =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': type } });

  it('passes what fits, parsed and typed; an empty form is no fields', async () => {
    expect((await app.inject('/liste?seite=3')).json()).toEqual({ seite: 3 });
    const notiz = await post('/notiz', 'notiz=R%C3%BCckruf', 'application/x-www-form-urlencoded');
    expect(notiz.json()).toEqual({ notiz: 'Rückruf' });
    expect((await app.inject({ method: 'POST', url: '/notiz' })).json()).toEqual({ notiz: null });
  });

  it('names each bad query parameter', async () => {
    const res = await app.inject('/liste?seite=0&q=a&q=b');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'invalid_query',
      message:
        'Ungültige Angabe in der Adresse: seite: muss eine ganze Zahl ab 1 sein; q: darf nur einmal angegeben werden',
      hint: 'Den Filter korrigieren oder zurücksetzen und erneut versuchen.',
    });
  });

  it('says a posted form is wrong, field by field', async () => {
    const res = await post('/notiz', 'notiz=a&notiz=b', 'application/x-www-form-urlencoded');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: 'invalid_input',
      message: 'Ungültige Angabe im Formular: notiz: muss ein einzelner Text sein',
      hint: 'Die Seite neu laden und das Formular erneut absenden.',
    });
  });

  it('lists the fields of a JSON body with their reasons', async () => {
    const res = await post('/api/menge', JSON.stringify({ name: '', anzahl: 1.5 }), 'application/json');
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: string; message: string; details: { field: string }[] };
    expect(body.error).toBe('invalid_input');
    expect(body.message).toBe('Eingaben ungültig');
    expect(body.details.map((d) => d.field)).toEqual(['name', 'anzahl']);
    const none = await post('/api/menge', 'null', 'application/json');
    expect(none.json()).toMatchObject({ message: 'Eingaben ungültig', details: [{ field: '' }] });
  });

  it('uses the message a route declares', async () => {
    const res = await post('/anmelden', '{}', 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_input',
      message: 'username wird benötigt',
      hint: 'Erneut anmelden.',
    });
  });

  it('keeps the code and the listed problems a route declares', async () => {
    const res = await post('/api/alt', JSON.stringify({ phone: 1 }), 'application/json');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'invalid_payload',
      message:
        'Body ungültig: phone: Ungültige Eingabe: erwartet Text, erhalten Zahl; n: Angabe fehlt (erwartet Zahl)',
    });
  });

  it("words the problems as the route's own function says", async () => {
    const res = await post('/api/worte', '{"art":"c"}', 'application/json');
    expect(res.json()).toEqual({ error: 'invalid_input', message: 'Art fehlt: a oder b', hint: 'a oder b.' });
  });

  it('leaves other errors alone', () => {
    expect(validationRefusal(new Error('kaputt'), {} as never)).toBeNull();
  });
});
