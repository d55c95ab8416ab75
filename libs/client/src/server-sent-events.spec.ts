import { describe, expect, it } from 'vitest';

import { readServerSentEvents } from './server-sent-events';

/** A body delivered in the given pieces (as a network splits it), byte strings encoded as UTF-8. */
function body(...pieces: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces)
        controller.enqueue(typeof piece === 'string' ? new TextEncoder().encode(piece) : piece);
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of readServerSentEvents(stream)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('reads id, event and data, skipping comments (keep-alives)', async () => {
    const events = await all(
      body(
        ': keep-alive\n\n',
        'id: 1\nevent: queued\ndata: {"status":"queued"}\n\n',
        'id: 2\nevent: started\ndata: {}\n\n',
      ),
    );
    expect(events).toEqual([
      { id: '1', event: 'queued', data: '{"status":"queued"}' },
      { id: '2', event: 'started', data: '{}' },
    ]);
  });

  it('joins events split anywhere by the network, a multi-byte character included', async () => {
    const text = 'id: 7\nevent: step\ndata: {"step":"draft","note":"naïve — ok"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const cut = text.indexOf('ï') + 1; // inside the two bytes of ï
    const pieces = [bytes.slice(0, 3), bytes.slice(3, cut), bytes.slice(cut, cut + 1), bytes.slice(cut + 1)];
    expect(await all(body(...pieces))).toEqual([
      { id: '7', event: 'step', data: '{"step":"draft","note":"naïve — ok"}' },
    ]);
  });

  it('accepts CRLF and CR line ends, multi-line data, a missing space after the colon, and no event name', async () => {
    const events = await all(body('id:3\r\ndata: line one\r\ndata:line two\r\n\r\n', 'data: x\r\rid: 4\n'));
    expect(events).toEqual([
      { id: '3', event: 'message', data: 'line one\nline two' },
      { id: undefined, event: 'message', data: 'x' },
    ]);
  });

  it('drops an event the stream cut off before its blank line', async () => {
    expect(await all(body('id: 1\ndata: a\n\nid: 2\ndata: b'))).toEqual([
      { id: '1', event: 'message', data: 'a' },
    ]);
  });
});
