import { Global, Injectable, Module } from '@nestjs/common';

/** The time, behind an injectable so tests can control it (expiry, retention) without faking timers. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
