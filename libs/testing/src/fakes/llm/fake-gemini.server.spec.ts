import { ApiError, GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeGeminiServer } from './fake-gemini.server';

describe('FakeGeminiServer', () => {
  const gemini = new FakeGeminiServer({ apiKey: 'test-key-123' });
  const client = (apiKey = 'test-key-123') =>
    new GoogleGenAI({ apiKey, vertexai: false, httpOptions: { baseUrl: gemini.url } });
  const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] };

  beforeAll(async () => {
    await gemini.start();
  });
  afterAll(() => gemini.stop());
  beforeEach(() => gemini.reset());

  it('answers the real SDK at the path and header it uses, and records the parsed request', async () => {
    gemini.respondWith((req) => ({ n: req.user.length }));
    const response = await client().models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'hello',
      config: {
        systemInstruction: 'be brief',
        responseMimeType: 'application/json',
        responseJsonSchema: schema,
        temperature: 0.3,
      },
    });
    expect(JSON.parse(response.text ?? '')).toEqual({ n: 5 });
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.modelVersion).toBe('gemini-2.5-flash');
    expect(response.usageMetadata).toMatchObject({
      promptTokenCount: 4,
      candidatesTokenCount: 2,
      totalTokenCount: 6,
    });

    const [call] = gemini.calls;
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(call.headers['x-goog-api-key']).toBe('test-key-123');
    expect(call.apiKey).toBe('test-key-123');
    expect(call.status).toBe(200);
    expect(call.request).toEqual({
      model: 'gemini-2.5-flash',
      system: 'be brief',
      messages: [{ role: 'user', text: 'hello' }],
      user: 'hello',
      lastUser: 'hello',
      schema,
      json: true,
      temperature: 0.3,
    });
    expect(call.body).toMatchObject({ generationConfig: { responseJsonSchema: schema } });
  });

  it('accepts responseSchema (OpenAPI-style) too, and multi-turn contents', async () => {
    gemini.enqueue({ json: { n: 1 } });
    await client().models.generateContent({
      model: 'gemini-2.0-flash',
      contents: [
        { role: 'user', parts: [{ text: 'first' }] },
        { role: 'model', parts: [{ text: '{}' }] },
        { role: 'user', parts: [{ text: 'again' }] },
      ],
      config: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT' } },
    });
    expect(gemini.calls[0].request).toMatchObject({
      user: 'first',
      lastUser: 'again',
      messages: [
        { role: 'user', text: 'first' },
        { role: 'assistant', text: '{}' },
        { role: 'user', text: 'again' },
      ],
      schema: { type: 'OBJECT' },
    });
  });

  it('rejects a wrong key as Google does (400 API_KEY_INVALID) and a missing one with 403', async () => {
    const wrong = await client('nope-nope')
      .models.generateContent({ model: 'm', contents: 'x' })
      .catch((e) => e);
    expect(wrong).toBeInstanceOf(ApiError);
    expect((wrong as ApiError).status).toBe(400);
    expect(JSON.parse((wrong as ApiError).message)).toMatchObject({
      error: { code: 400, status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] },
    });
    const missing = await fetch(`${gemini.url}/v1beta/models/m:generateContent`, {
      method: 'POST',
      body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }] }),
    });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
    expect(gemini.count({ status: 400 })).toBe(1);
  });

  it('plays scripted errors with RetryInfo and Retry-After, raw text, delays and drops in order', async () => {
    gemini
      .enqueue({ status: 429, retryAfter: 1.5 })
      .enqueue({ text: 'not json' })
      .enqueue({ status: 503, message: 'overloaded' });
    const post = () =>
      fetch(`${gemini.url}/v1beta/models/m:generateContent?key=test-key-123`, {
        method: 'POST',
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'x' }] }] }),
      });
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({
      error: {
        code: 429,
        message: expect.any(String),
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }],
      },
    });
    const text = (await (await post()).json()) as {
      candidates: { content: { parts: { text: string }[] } }[];
    };
    expect(text.candidates[0].content.parts[0].text).toBe('not json');
    const unavailable = await post();
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({
      error: { status: 'UNAVAILABLE', message: 'overloaded' },
    });
    expect(gemini.pending).toBe(0);

    gemini.enqueue({ delayMs: 100 }).enqueue({ drop: true });
    const started = Date.now();
    expect((await post()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    await expect(post()).rejects.toThrow();
    expect(gemini.calls.map((c) => c.status)).toEqual([429, 200, 503, 200, 0]);
  });

  it('answers a 400 in Google format for a request without contents, or an unknown path with 404', async () => {
    const empty = await fetch(`${gemini.url}/v1beta/models/m:generateContent`, {
      method: 'POST',
      headers: { 'x-goog-api-key': 'test-key-123' },
      body: JSON.stringify({ contents: [] }),
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    const unknown = await fetch(`${gemini.url}/v1beta/models/m:streamGenerateContent`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });
});
