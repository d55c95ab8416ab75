// pino-roll ships no type declarations; this is the part of its API we use.
declare module 'pino-roll' {
  import { type DestinationStream } from 'pino';

  interface PinoRollOptions {
    file: string | (() => string);
    frequency?: 'daily' | 'hourly' | number;
    size?: string | number;
    mkdir?: boolean;
    dateFormat?: string;
    extension?: string;
    limit?: { count: number; removeOtherLogFiles?: boolean };
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<DestinationStream>;
}
