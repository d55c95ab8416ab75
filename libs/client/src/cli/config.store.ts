import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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
    throw new Error(`${path} is not valid JSON: fix it or delete it and log in again`);
  }
}

export async function writeConfig(path: string, config: StoredConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  // An existing file keeps its old mode through writeFile: make sure it is private.
  await chmod(path, 0o600);
}

export async function deleteConfigKey(path: string): Promise<boolean> {
  const config = await readConfig(path);
  if (!config.apiKey) return false;
  delete config.apiKey;
  if (Object.keys(config).length === 0) await rm(path, { force: true });
  else await writeConfig(path, config);
  return true;
}
