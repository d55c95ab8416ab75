import { Injectable } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, SECURITY_HEADERS } from '@app/core';

import { GenerationsService } from './generations.service';

/** Events are read from Redis this often (a cheap range read). */
const POLL_MS = 100;
/** After this many polls without an event the generation itself is read again (a final event that never came). */
const STATE_EVERY = 20;
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long whatever happens (the client reconnects with Last-Event-ID). */
const MAX_STREAM_MS = 30 * 60_000;

/**
 * Serves a generation's events as Server-Sent Events: the stored events (after `Last-Event-ID`), then new ones
 * as they are written (polled from Redis, so any API instance can serve any job), until the final event.
 */
@Injectable()
export class GenerationEventStream {
  constructor(private readonly generations: GenerationsService) {}

  async serve(ownerId: string, id: string, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const lastEventId = Number(request.headers['last-event-id']);
    let after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;
    // The first read also answers a missing or foreign generation with the usual 404 problem.
    let page = await this.generations.eventsAfter(ownerId, id, after, { readState: true });
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
    let idle = 0;
    for (;;) {
      for (const event of page.events) {
        raw.write(
          `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ ...event.data, at: event.at })}\n\n`,
        );
        after = event.seq;
        lastWrite = Date.now();
      }
      idle = page.events.length === 0 ? idle + 1 : 0;
      if (closed || page.ended || Date.now() - opened > MAX_STREAM_MS) break;
      if (Date.now() - lastWrite > HEARTBEAT_MS) {
        raw.write(': keep-alive\n\n');
        lastWrite = Date.now();
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (closed) break;
      try {
        page = await this.generations.eventsAfter(ownerId, id, after, {
          readState: idle > 0 && idle % STATE_EVERY === 0,
        });
      } catch {
        break; // Redis or the database away: the client reconnects with Last-Event-ID
      }
    }
    if (!closed) raw.end();
  }
}
