#!/usr/bin/env node
// The baseline for the benchmarks: NestJS on Fastify with one route returning {"ok":true} and nothing
// else, as its own process. Prints "listening <port>" when ready.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Controller, Get, Module } = require('@nestjs/common');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

class BareController {
  ok() {
    return { ok: true };
  }
}
Controller()(BareController);
Get('ok')(BareController.prototype, 'ok', Object.getOwnPropertyDescriptor(BareController.prototype, 'ok'));
class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const app = await NestFactory.create(BareModule, new FastifyAdapter(), { logger: false });
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' });
console.log(`listening ${app.getHttpServer().address().port}`);
// A throwaway baseline: no draining needed (closing would wait for the load generator's idle sockets).
process.once('SIGTERM', () => process.exit(0));
