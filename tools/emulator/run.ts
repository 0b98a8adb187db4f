// Runs apps' stacks against one emulator, stack after stack: moto is reset before each stack, the
// app's seeds are put in, and the app is synthesized in deploy mode (so every provider names its
// account) into the emulator's work folder; apps' own cdktf.out is never touched.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { synthInto } from '@apigw-private/tools/plan-runner/synth-into';
import {
  listStacks,
  terraformEnv,
  terraformVersion,
  workspaceRoot,
} from '@apigw-private/tools/plan-runner/terraform';
import { StackReport, runStack } from './harness';
import { EmulatorError, Moto, MotoOptions, pythonBinary, withMoto } from './moto';
import { checkSeeded, seedApp } from './seeds';

export const WORK_ROOT = join(workspaceRoot, '.emulator');

export interface EmulateOptions {
  /** App folder names under apps/. */
  readonly apps: readonly string[];
  /** Only these stack IDs. @default - every stack of each app */
  readonly stacks?: readonly string[];
  /** A folder laid out like cdktf.out to run instead of synthesizing (one app name to label it). */
  readonly from?: string;
  readonly moto?: MotoOptions;
  /** @default - process.env */
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Progress hook, see StackRun.onPhase. */
  readonly onPhase?: (app: string, stack: string, phase: string, moto: Moto) => void;
}

/** Runs every selected stack; a stack's failure is in its report, the emulator's death ends the run. */
export async function emulate(options: EmulateOptions): Promise<StackReport[]> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const python = options.moto?.python ?? pythonBinary(env);
  terraformVersion(env);
  const tfEnv = terraformEnv(env).env;
  const reports: StackReport[] = [];
  await withMoto({ ...options.moto, python, env }, async (moto) => {
    log(`emulator: moto on ${moto.endpoint} (pid ${moto.pid})`);
    for (const app of options.apps) {
      const appWork = join(WORK_ROOT, app);
      mkdirSync(appWork, { recursive: true });
      const outdir = options.from ? resolve(options.from) : join(appWork, 'cdktf.out');
      if (!options.from) await synthInto(app, outdir, 'deploy', env);
      const available = listStacks(outdir);
      const wanted = options.stacks?.length
        ? available.filter((s) => options.stacks?.includes(s))
        : available;
      if (wanted.length === 0)
        throw new EmulatorError(
          `no stack of ${app} matches; it has ${available.join(', ') || 'none'}`,
        );
      for (const stack of wanted) {
        await moto.reset();
        // Seeds go in after each reset; the app is synthesized again with their identifiers.
        let source = outdir;
        const seeded = options.from ? {} : seedApp(app, python, moto.endpoint, outdir);
        if (Object.keys(seeded).length > 0) {
          source = join(appWork, 'seeded.out');
          await synthInto(app, source, 'deploy', { ...env, ...seeded });
          checkSeeded(source, seeded);
        }
        const report = await runStack({
          app,
          stack,
          sourceDir: join(source, 'stacks', stack),
          workDir: join(appWork, 'work', 'stacks', stack),
          moto,
          python,
          tfEnv,
          onPhase: (phase) => {
            log(`${app}/${stack}: ${phase}`);
            options.onPhase?.(app, stack, phase, moto);
          },
        });
        reports.push(report);
        const died = moto.exitReason();
        if (died) throw new EmulatorError(`${report.error ?? died}`);
      }
    }
  });
  return reports;
}
