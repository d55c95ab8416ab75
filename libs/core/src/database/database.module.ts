import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

import { type AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MongoBackendService } from './mongo-backend.service';

/** The MongoDB connection (mongoose), closed by Nest on shutdown, and backend detection (mongod vs FerretDB). */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        uri: config.mongo.uri,
        dbName: config.mongo.dbName,
        serverSelectionTimeoutMS: config.mongo.serverSelectionTimeoutMs,
        retryAttempts: 2,
        retryDelay: 1000,
        autoIndex: true,
      }),
    }),
  ],
  providers: [MongoBackendService],
  exports: [MongoBackendService],
})
export class DatabaseModule {}
