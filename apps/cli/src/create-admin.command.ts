import { DomainError } from '@app/core';
import { UsersErrorCode, type UsersService } from '@app/users';

export interface CreateAdminArgs {
  email?: string;
  name: string;
  /** Exit 0 without doing anything when an admin exists (compose runs this on every start). */
  ifNone: boolean;
}

export interface CommandResult {
  exitCode: number;
  /** What goes to stdout: the only place the new key is ever shown. */
  stdout: string;
  stderr: string;
}

/** `create-admin`: the first admin and one key with the `admin` scope; refused once an admin exists. */
export async function createAdmin(users: UsersService, args: CreateAdminArgs): Promise<CommandResult> {
  if (!args.email) {
    return args.ifNone
      ? {
          exitCode: 0,
          stdout: '',
          stderr: 'create-admin: no --email and no BOOTSTRAP_ADMIN_EMAIL; nothing to do\n',
        }
      : { exitCode: 2, stdout: '', stderr: 'create-admin: --email is required\n' };
  }
  try {
    const { user, key } = await users.bootstrapAdmin(args.email, args.name);
    return {
      exitCode: 0,
      stdout:
        `Created admin ${user.email} (id ${user.id}).\n` +
        `API key (shown once; store it now — it cannot be shown again):\n${key.key}\n`,
      stderr: '',
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === UsersErrorCode.AdminExists && args.ifNone) {
      return { exitCode: 0, stdout: '', stderr: 'create-admin: an admin already exists; nothing to do\n' };
    }
    if (error instanceof DomainError) {
      return { exitCode: 1, stdout: '', stderr: `create-admin: ${error.message} (${error.code})\n` };
    }
    throw error;
  }
}
