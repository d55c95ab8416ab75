import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { type HydratedDocument } from 'mongoose';

/**
 * One cached value of the Mongo layer of `LayeredCache`. `value` is the JSON text of the value (a string,
 * not Mixed: keys with dots or `$`, and Dates, survive unchanged). No TTL index (FerretDB has none): reads
 * filter on `expiresAt` and `CachePurgeJob` deletes expired entries.
 */
@Schema({ collection: 'cache_entries', versionKey: false, timestamps: false })
export class CacheEntry {
  @Prop({ type: String, required: true })
  namespace!: string;

  @Prop({ type: String, required: true })
  key!: string;

  /** `JSON.stringify` of the cached value. */
  @Prop({ type: String, required: true })
  value!: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export type CacheEntryDocument = HydratedDocument<CacheEntry>;

export const CacheEntrySchema = SchemaFactory.createForClass(CacheEntry);

CacheEntrySchema.index({ namespace: 1, key: 1 }, { unique: true }); // lookups and upserts
CacheEntrySchema.index({ expiresAt: 1 }); // the purge (a plain index: no TTL)
CacheEntrySchema.index({ namespace: 1, createdAt: 1 }); // oldest/newest entry of a namespace (stats)
