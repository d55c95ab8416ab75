import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeOpenAiServer } from './fake-openai.server';

describe('FakeOpenAiServer', () => {
  const openai = new FakeOpenAiServer({ apiKey: 'sk-test-1234' });
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer' } },
    required: ['n'],
    additionalProperties: false,
  };
  const post = (body: unknown, key: string | null = 'sk-test-1234', path = '/v1/chat/completions') =>
    fetch(`${openai.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  const request = {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'hello' },
    ],
    temperature: 0.2,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } },
  };

  beforeAll(async () => {
    await openai.start();
  });
  afterAll(() => openai.stop());
  beforeEach(() => openai.reset());

  it('answers a chat completion in OpenAI format and records the parsed request', async () => {
    openai.respondWith((req) => ({ n: req.user.length }));
    const response = await post(request);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: '{"n":5}' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(openai.baseUrl).toBe(`${openai.url}/v1`);
    expect(openai.calls[0].request).toEqual({
      model: 'gpt-4o-mini',
      system: 'be brief',
      messages: [{ role: 'user', text: 'hello' }],
      user: 'hello',
      lastUser: 'hello',
      schema,
      json: true,
      temperature: 0.2,
    });
    expect(openai.calls[0].apiKey).toBe('sk-test-1234');
  });

  it('requires the Bearer key when configured, and none otherwise', async () => {
    const wrong = await post(request, 'sk-wrong');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        code: 'invalid_api_key',
        message: expect.stringContaining('sk-wrong'),
      },
    });
    expect((await post(request, null)).status).toBe(401);

    const open = await new FakeOpenAiServer().start();
    try {
      const response = await fetch(`${open.url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(request),
      });
      expect(response.status).toBe(200);
      expect(open.calls[0].apiKey).toBeUndefined();
    } finally {
      await open.stop();
    }
  });

  it('plays scripted errors with retry-after and retry-after-ms, text, extra headers', async () => {
    openai
      .enqueue({ status: 429, retryAfter: 0.25 })
      .enqueue({ status: 503, headers: { 'retry-after': '3' } })
      .enqueue({ text: '```json\n{}\n```', finishReason: 'length', usage: { input: 7, output: 9 } });
    const limited = await post(request);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('retry-after-ms')).toBe('250');
    expect(await limited.json()).toEqual({
      error: { message: expect.any(String), type: 'requests', param: null, code: 'rate_limit_exceeded' },
    });
    const overloaded = await post(request);
    expect(overloaded.status).toBe(503);
    expect(overloaded.headers.get('retry-after')).toBe('3');
    expect(await overloaded.json()).toMatchObject({ error: { type: 'server_error' } });
    expect(await (await post(request)).json()).toMatchObject({
      choices: [{ message: { content: '```json\n{}\n```' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 },
    });
  });

  it('rejects malformed requests with 400 in OpenAI format', async () => {
    const noMessages = await post({ model: 'm', messages: [] });
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const badName = await post({
      ...request,
      response_format: { type: 'json_schema', json_schema: { name: 'bad name!', schema } },
    });
    expect(badName.status).toBe(400);
    expect(openai.calls.every((c) => c.request === undefined)).toBe(true);
  });
});
