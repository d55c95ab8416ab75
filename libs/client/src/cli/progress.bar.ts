import { type GenerationEvent } from '../client.js';

/**
 * A generation's progress on stderr, from its events. On a terminal one line is redrawn
 * (`[██████░░░░]  60% draft`); otherwise (a pipe, a log file, CI) one line per step as it finishes.
 */
export class ProgressBar {
  private lastLine = '';
  private lastProgress = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly width = 24,
  ) {}

  update(event: GenerationEvent): void {
    const data = event.data;
    if (event.type === 'step' && typeof data.step === 'string') {
      const progress = typeof data.progress === 'number' ? data.progress : undefined;
      if (this.out.isTTY) {
        if (data.status === 'started') this.draw(this.lastProgress, `${data.step}…`);
        else this.draw(progress ?? this.lastProgress, String(data.step));
      } else if (data.status === 'finished') {
        const duration = typeof data.durationMs === 'number' ? ` in ${data.durationMs} ms` : '';
        this.line(`step ${data.step} done${duration} (${progress ?? this.lastProgress}%)`);
      }
      if (progress !== undefined) this.lastProgress = progress;
      return;
    }
    if (event.type === 'retrying')
      this.line(`retrying (attempt ${String(data.attempt)}): ${String(data.reason)}`);
    else if (event.type === 'reused')
      this.line(`reused the identical earlier generation ${String(data.from)}`);
    else if (event.type === 'blocked')
      this.line('the LLM draft failed the fact check: the offline draft replaces it');
    else if (event.type === 'succeeded') this.finish(100, 'done');
    else if (event.type === 'failed' || event.type === 'cancelled')
      this.finish(this.lastProgress, event.type);
  }

  private draw(progress: number, label: string): void {
    const filled = Math.round((progress / 100) * this.width);
    const bar = `[${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${String(progress).padStart(3)}% ${label}`;
    this.out.write(`\r${bar.padEnd(this.lastLine.length)}`);
    this.lastLine = bar;
  }

  private line(text: string): void {
    if (this.out.isTTY && this.lastLine) {
      this.out.write(`\r${' '.repeat(this.lastLine.length)}\r${text}\n`);
      this.draw(this.lastProgress, '');
    } else this.out.write(`${text}\n`);
  }

  private finish(progress: number, label: string): void {
    if (this.out.isTTY) {
      this.draw(progress, label);
      this.out.write('\n');
      this.lastLine = '';
    } else this.out.write(`${label} (${progress}%)\n`);
  }
}
