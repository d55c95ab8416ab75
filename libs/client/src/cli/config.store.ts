import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { CliError, EXIT } from './exit-codes.js';

/** What `llmployable login` keeps: where the API is and the key. */
export interface StoredConfig {
  apiUrl?: string;
  apiKey?: string;
}

/**
 * The per-user config file: `$LLMPLOYABLE_CONFIG`, else `$XDG_CONFIG_HOME/llmployable/config.json`, else
 * `~/.config/llmployable/config.json`. It holds a secret, so it is written with mode 0600 in a 0700 directory.
 */
export function configPath(env: NodeJS.ProcessEnv): string {
  if (env.LLMPLOYABLE_CONFIG) return env.LLMPLOYABLE_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'llmployable', 'config.json');
}

export async function readConfig(path: string): Promise<StoredConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as StoredConfig;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    throw new CliError(`${path} is not valid JSON`, EXIT.usage, 'Fix it, or delete it and log in again.');
  }
}

/**
 * Writes the config atomically: a new file created with mode 0600 (the key is never in a file others can read,
 * even briefly), then renamed over the old one (a crash leaves the old file or the new, never half of one).
 */
export async function writeConfig(path: string, config: StoredConfig): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Our own directory (the default place) is kept private; a directory the user chose is theirs to set.
  if (basename(dir) === 'llmployable') await chmod(dir, 0o700);
  const temporary = join(dir, `.config-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function deleteConfigKey(path: string): Promise<boolean> {
  const config = await readConfig(path);
  if (!config.apiKey) return false;
  delete config.apiKey;
  if (Object.keys(config).length === 0) await rm(path, { force: true });
  else await writeConfig(path, config);
  return true;
}
