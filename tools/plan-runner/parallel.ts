// Running stacks side by side: a pool that runs at most n tasks at once, and, without a provider
// mirror, the shared plugin cache filled once before stacks are planned in parallel.
import { existsSync, mkdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AWS_PROVIDER, TerraformError, cliDir, runTerraform } from './terraform';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Without a mirror, downloads the provider once into the shared plugin cache before stacks are
 * planned side by side, and returns the lock file to seed each stack with. A lock folder keeps
 * two runners from filling the cache at the same time.
 */
export async function warmPluginCache(env: NodeJS.ProcessEnv): Promise<string> {
  const dir = join(cliDir, 'warmup');
  const lock = join(cliDir, 'warmup.lock');
  mkdirSync(dir, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmdirSync(lock);
      else await sleep(250);
    }
  }
  try {
    const lockFile = join(dir, '.terraform.lock.hcl');
    if (!existsSync(lockFile)) {
      const config = {
        terraform: {
          required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } },
        },
      };
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config, null, 2));
      await runTerraform(['init', '-input=false', '-no-color', '-backend=false'], {
        cwd: dir,
        env,
      });
    }
    return lockFile;
  } finally {
    rmdirSync(lock);
  }
}

/** Runs tasks with at most `limit` at once; rejects with the first failure after all settle. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1)
    throw new TerraformError(errors.map((e) => (e as Error).message).join('\n\n'));
  return results;
}
