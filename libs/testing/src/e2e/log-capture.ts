import { Writable } from 'node:stream';

export type LogLine = Record<string, unknown> & { level: string; msg?: string; requestId?: string };

/** A pino destination that keeps every JSON line, so tests can assert on what was logged. */
export class LogCapture extends Writable {
  readonly lines: LogLine[] = [];
  raw = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const text = chunk.toString('utf8');
    this.raw += text;
    for (const line of text.split('\n').filter(Boolean)) this.lines.push(JSON.parse(line) as LogLine);
    callback();
  }

  forRequest(requestId: string): LogLine[] {
    return this.lines.filter((line) => line.requestId === requestId);
  }
}
