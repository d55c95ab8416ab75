import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { type QueryFilter, type Model, Types, isValidObjectId } from 'mongoose';
import { containsIgnoringCase } from '@app/core';

import { type User, type UserPreferences, type UserProfile } from './user.schema';

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'user';
  profile: UserProfile;
  preferences: UserPreferences;
  deactivatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: 'admin' | 'user';
  profile?: Partial<UserProfile>;
  preferences?: Partial<UserPreferences>;
}

export interface UserChanges {
  name?: string;
  role?: 'admin' | 'user';
  profile?: Partial<UserProfile>;
  preferences?: Partial<UserPreferences>;
  deactivatedAt?: Date | null;
}

export interface UserListFilter {
  role?: 'admin' | 'user';
  status?: 'active' | 'deactivated';
  /** Case-insensitive substring of the name or email. */
  q?: string;
  cursor?: string;
  limit: number;
}

export class DuplicateEmailError extends Error {}

/**
 * Users. Users are their own owners: a user reads itself by its own id (`/users/me`); reads across users
 * are for admin routes only, which is why this repository's lookups take an id rather than an owner.
 */
@Injectable()
export class UserRepository {
  constructor(@InjectModel('User') private readonly users: Model<User>) {}

  async create(user: NewUser): Promise<UserRecord> {
    try {
      const created = await this.users.create(user);
      return toRecord(created.toObject());
    } catch (error) {
      if ((error as { code?: number }).code === 11000) throw new DuplicateEmailError(user.email);
      throw error;
    }
  }

  async findById(id: string): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    const found = await this.users.findById(id).lean<User>().exec();
    return found ? toRecord(found) : null;
  }

  async update(id: string, changes: UserChanges): Promise<UserRecord | null> {
    if (!isValidObjectId(id)) return null;
    const set: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if ((key === 'profile' || key === 'preferences') && value && typeof value === 'object') {
        for (const [field, fieldValue] of Object.entries(value)) {
          if (fieldValue !== undefined) set[`${key}.${field}`] = fieldValue;
        }
      } else {
        set[key] = value;
      }
    }
    const updated = await this.users
      .findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after', runValidators: true })
      .lean<User>()
      .exec();
    return updated ? toRecord(updated) : null;
  }

  async list(filter: UserListFilter): Promise<UserRecord[]> {
    const query: QueryFilter<User> = {};
    if (filter.role) query.role = filter.role;
    if (filter.status === 'active') query.deactivatedAt = null;
    if (filter.status === 'deactivated') query.deactivatedAt = { $ne: null };
    if (filter.q) {
      const pattern = containsIgnoringCase(filter.q);
      query.$or = [{ name: pattern }, { email: pattern }];
    }
    if (filter.cursor) query._id = { $lt: new Types.ObjectId(filter.cursor) };
    const rows = await this.users
      .find(query)
      .sort({ _id: -1 })
      .limit(filter.limit + 1)
      .lean<User[]>()
      .exec();
    return rows.map(toRecord);
  }

  async countActiveAdmins(): Promise<number> {
    return this.users.countDocuments({ role: 'admin', deactivatedAt: null }).exec();
  }

  async count(): Promise<number> {
    return this.users.estimatedDocumentCount().exec();
  }
}

function toRecord(user: User): UserRecord {
  return {
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    role: user.role,
    profile: { ...user.profile },
    preferences: { ...user.preferences },
    deactivatedAt: user.deactivatedAt ?? null,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
