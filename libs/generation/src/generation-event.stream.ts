import { Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, SECURITY_HEADERS } from '@app/core';

import { GenerationsService } from './generations.service';

const POLL_MS = 250;
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long whatever happens (the client reconnects with Last-Event-ID). */
const MAX_STREAM_MS = 30 * 60_000;

/**
 * Serves a generation's events as Server-Sent Events: the stored events (after `Last-Event-ID`), then new ones
 * as they are written (polled from the database, so any API instance can serve any job), until the final event.
 */
@Injectable()
export class GenerationEventStream {
  constructor(private readonly generations: GenerationsService) {}

  async serve(ownerId: string, id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const lastEventId = Number(request.headers['last-event-id']);
    let after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;
    // The first read also answers a missing or foreign generation with the usual 404 problem.
    let page = await this.generations.eventsAfter(ownerId, id, after);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      [REQUEST_ID_HEADER]: String(request.id),
    });
    let closed = false;
    raw.on('close', () => {
      closed = true;
    });
    let lastWrite = Date.now();
    const opened = Date.now();
    let idleAfterFinish = 0;
    for (;;) {
      for (const event of page.events) {
        raw.write(
          `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...event.data, at: event.at })}\n\n`,
        );
        after = event.seq;
        lastWrite = Date.now();
      }
      // Finished with nothing left to send (a reconnect after the final event): the final event is written
      // just after the final status, so one more empty poll makes sure it is not still on its way.
      idleAfterFinish = page.finished && page.events.length === 0 ? idleAfterFinish + 1 : 0;
      const ended =
        page.events.some((event) => ['succeeded', 'failed', 'cancelled'].includes(event.type)) ||
        idleAfterFinish >= 2 ||
        Date.now() - opened > MAX_STREAM_MS;
      if (closed || ended) break;
      if (Date.now() - lastWrite > HEARTBEAT_MS) {
        raw.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (closed) break;
      page = await this.generations.eventsAfter(ownerId, id, after);
    }
    if (!closed) raw.end();
  }
}
