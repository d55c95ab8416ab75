import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  Clock,
  CoreErrorCode,
  type CursorPage,
  DomainError,
  type Principal,
  flattenValidationErrors,
  toCursorPage,
} from '@app/core';

import { ApiKeysService } from './api-keys.service';
import { type CreatedApiKeyDto } from './dto/api-key.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { type UpdateMeDto, type UpdateUserDto } from './dto/update-user.dto';
import { type CurrentKeyDto, type ListUsersQueryDto, type UserDto } from './dto/user.dto';
import { DuplicateEmailError, type UserChanges, type UserRecord, UserRepository } from './user.repository';
import { UsersErrorCode, emailTaken, userNotFound } from './users.errors';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly clock: Clock,
  ) {}

  /**
   * The only way to create the first user: an admin with one key holding the `admin` scope. Refused once
   * any admin exists (`npm run cli -- create-admin`; compose runs it on first start).
   */
  async bootstrapAdmin(email: string, name: string): Promise<{ user: UserDto; key: CreatedApiKeyDto }> {
    if ((await this.users.countActiveAdmins()) > 0) {
      throw new DomainError({
        status: 409,
        code: UsersErrorCode.AdminExists,
        detail: 'An admin already exists; ask them for a key instead.',
      });
    }
    const input = plainToInstance(CreateUserDto, { email, name, role: 'admin' });
    const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields = flattenValidationErrors(errors);
      throw new DomainError({
        status: 400,
        code: CoreErrorCode.ValidationFailed,
        detail: fields.map((field) => field.message).join('; '),
        errors: fields.map((field) => ({ in: 'body', ...field })),
      });
    }
    const user = await this.createRecord({ ...input, role: 'admin' });
    const self: Principal = { userId: user.id, role: 'admin', keyId: '', keyPrefix: '', scopes: ['admin'] };
    const key = await this.apiKeys.create(self, user.id, { name: 'bootstrap', scopes: ['admin'] });
    return { user: toDto(user), key };
  }

  async create(input: CreateUserDto): Promise<UserDto> {
    return toDto(await this.createRecord({ ...input, role: input.role ?? 'user' }));
  }

  async list(query: ListUsersQueryDto): Promise<CursorPage<UserDto>> {
    const rows = await this.users.list(query);
    return toCursorPage(rows.map(toDto), query.limit);
  }

  async get(id: string): Promise<UserDto> {
    return toDto(await this.find(id));
  }

  async update(id: string, input: UpdateUserDto): Promise<UserDto> {
    const before = await this.find(id);
    if (input.role === 'user' && before.role === 'admin') await this.assertNotLastAdmin(before);
    const updated = await this.apply(id, input);
    if (input.role && input.role !== before.role) await this.apiKeys.forgetUser(id);
    return updated;
  }

  /** The key making the request, as verified (no database read). */
  currentKey(caller: Principal): CurrentKeyDto {
    const { userId, role, keyId, keyPrefix, scopes } = caller;
    return { userId, role, keyId, prefix: keyPrefix, scopes: [...scopes] };
  }

  async me(caller: Principal): Promise<UserDto> {
    return this.get(caller.userId);
  }

  async updateMe(caller: Principal, input: UpdateMeDto): Promise<UserDto> {
    return this.apply(caller.userId, input);
  }

  /** Soft deactivation: nothing is deleted, every key of the user stops working at once. */
  async deactivate(id: string): Promise<UserDto> {
    const user = await this.find(id);
    if (user.deactivatedAt) return toDto(user);
    if (user.role === 'admin') await this.assertNotLastAdmin(user);
    const updated = await this.apply(id, { deactivatedAt: this.clock.now() });
    await this.apiKeys.forgetUser(id);
    return updated;
  }

  async reactivate(id: string): Promise<UserDto> {
    await this.find(id);
    return this.apply(id, { deactivatedAt: null });
  }

  private async createRecord(input: CreateUserDto & { role: 'admin' | 'user' }): Promise<UserRecord> {
    try {
      return await this.users.create(input);
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw emailTaken(input.email);
      throw error;
    }
  }

  private async find(id: string): Promise<UserRecord> {
    const user = await this.users.findById(id);
    if (!user) throw userNotFound();
    return user;
  }

  private async apply(id: string, changes: UserChanges): Promise<UserDto> {
    const updated = await this.users.update(id, changes);
    if (!updated) throw userNotFound();
    return toDto(updated);
  }

  private async assertNotLastAdmin(user: UserRecord): Promise<void> {
    if (!user.deactivatedAt && (await this.users.countActiveAdmins()) <= 1) {
      throw new DomainError({
        status: 409,
        code: UsersErrorCode.LastAdmin,
        detail: 'This is the last active admin; make another user admin first.',
      });
    }
  }
}

function toDto(user: UserRecord): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    profile: user.profile,
    preferences: user.preferences,
    active: !user.deactivatedAt,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
