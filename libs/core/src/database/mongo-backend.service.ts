import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';

export type MongoBackend = 'mongod' | 'ferretdb';

export interface MongoServerInfo {
  backend: MongoBackend;
  /** The MongoDB version the server reports (FerretDB reports the version it emulates). */
  version: string;
  /** FerretDB's own version, when the backend is FerretDB. */
  ferretdbVersion?: string;
}

/**
 * Talks to the server behind the mongoose connection: ping, and which backend it is. FerretDB (used in
 * tests and local runs) lacks TTL indexes, `$lookup`, `$facet`, transactions and more, so code that
 * would use them asks `isFerretDb()` first.
 */
@Injectable()
export class MongoBackendService {
  private info?: MongoServerInfo;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async ping(): Promise<void> {
    await this.db().command({ ping: 1 });
  }

  async serverInfo(): Promise<MongoServerInfo> {
    if (!this.info) {
      const reply = await this.db().command({ buildInfo: 1 });
      const ferretdbVersion = typeof reply.ferretdbVersion === 'string' ? reply.ferretdbVersion : undefined;
      this.info = {
        backend: ferretdbVersion ? 'ferretdb' : 'mongod',
        version: String(reply.version),
        ...(ferretdbVersion ? { ferretdbVersion } : {}),
      };
    }
    return this.info;
  }

  async isFerretDb(): Promise<boolean> {
    return (await this.serverInfo()).backend === 'ferretdb';
  }

  private db() {
    const db = this.connection.db;
    if (!db) throw new Error('MongoDB connection is not open');
    return db;
  }
}
