// One stack against the emulator: init, apply, a second plan that must be empty (or hold only
// declared emulator deviations), destroy, and a listing through the AWS APIs that proves nothing
// was left behind.
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runTerraform } from '@apigw-private/tools/plan-runner/terraform';
import { DeviationUse, PlanJson, PlannedChange, judgeSecondPlan } from './deviations';
import { Inventory, leftOver, takeInventory } from './inventory';
import { KeptSettingUse, judgeSettings, resourceTypesOf } from './kept-settings';
import { EmulatorError, Moto } from './moto';
import { writeProviderOverride } from './override';

/** Terraform walks this many resources at once; moto answers quickly, so more than the default 10. */
export const PARALLELISM = 16;

export interface StackReport {
  readonly app: string;
  readonly stack: string;
  readonly applied: boolean;
  /** Managed resources in the state after apply. */
  readonly resources: number;
  readonly secondPlan: {
    readonly changes: readonly PlannedChange[];
    readonly deviations: readonly DeviationUse[];
  };
  /** Destroy succeeded and the emulator holds nothing the stack created. */
  readonly destroyed: boolean;
  /**
   * What the listing after destroy found that was not there before apply: resources, and account
   * settings that no declared entry of kept-settings.ts explains.
   */
  readonly leftovers: readonly string[];
  /** Account settings the destroy left changed, as AWS does (declared in kept-settings.ts). */
  readonly keptSettings: readonly KeptSettingUse[];
  readonly seconds: number;
  readonly phaseSeconds: Readonly<Record<string, number>>;
  /** Terraform's or the emulator's diagnostics, in full, when a step failed. */
  readonly error?: string;
}

export interface StackRun {
  readonly app: string;
  readonly stack: string;
  /** A folder laid out like cdktf.out/stacks/<stack>; copied, never written to. */
  readonly sourceDir: string;
  /** Work folder for this stack, `<outDir>/stacks/<stack>`; emptied first. */
  readonly workDir: string;
  readonly moto: Moto;
  readonly python: string;
  readonly tfEnv: NodeJS.ProcessEnv;
  /** Without a provider mirror: the lock file of the warmed plugin cache, copied in before init. */
  readonly seedLock?: string;
  /** Called as each phase starts (progress lines; tests use it to stop the emulator mid-apply). */
  readonly onPhase?: (phase: string) => void;
}

const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Copies a synthesized stack into its work folder, without state or plans from earlier runs. */
export function prepareWorkDir(sourceDir: string, workDir: string): void {
  if (!existsSync(join(sourceDir, 'cdk.tf.json')))
    throw new EmulatorError(`no cdk.tf.json in ${sourceDir}`);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  cpSync(sourceDir, workDir, {
    recursive: true,
    filter: (src) =>
      !/[/\\](\.terraform|terraform\.tfstate[^/\\]*|plan\.json|[^/\\]*\.tfplan)$/.test(src),
  });
}

/** Runs one stack through apply, second plan and destroy; never throws for a stack failure. */
export async function runStack(run: StackRun): Promise<StackReport> {
  const total = process.hrtime.bigint();
  const phaseSeconds: Record<string, number> = {};
  const errors: string[] = [];
  let applied = false;
  let resources = 0;
  let secondPlan: StackReport['secondPlan'] = { changes: [], deviations: [] };
  let destroyed = false;
  let leftovers: string[] = [];
  let keptSettings: KeptSettingUse[] = [];
  const tf = (args: string[]) => runTerraform(args, { cwd: run.workDir, env: run.tfEnv });
  const phase = async (name: string, step: () => Promise<void>): Promise<boolean> => {
    run.onPhase?.(name);
    const start = process.hrtime.bigint();
    try {
      await step();
      return true;
    } catch (error) {
      const died = run.moto.exitReason();
      errors.push(
        died
          ? `${name} of ${run.app}/${run.stack} failed because ${died}\n${(error as Error).message}`
          : `${name} of ${run.app}/${run.stack} failed:\n${(error as Error).message}`,
      );
      return false;
    } finally {
      phaseSeconds[name] = elapsed(start);
    }
  };

  let targets: ReturnType<typeof writeProviderOverride>['targets'] = [];
  let types = new Set<string>();
  let before: Inventory = { resources: [], settings: [] };
  const ready = await phase('init', async () => {
    prepareWorkDir(run.sourceDir, run.workDir);
    const lockFile = join(run.workDir, '.terraform.lock.hcl');
    if (run.seedLock && !existsSync(lockFile)) copyFileSync(run.seedLock, lockFile);
    const written = writeProviderOverride(
      dirname(dirname(run.workDir)),
      basename(run.workDir),
      run.moto.endpoint,
    );
    targets = written.targets;
    types = resourceTypesOf(written.stack);
    before = await takeInventory(run.python, run.moto.endpoint, targets);
    await tf(['init', '-input=false', '-no-color']);
  });
  if (ready) {
    const par = `-parallelism=${PARALLELISM}`;
    applied = await phase('apply', async () => {
      await tf(['apply', '-auto-approve', '-input=false', '-no-color', par]);
      const list = await tf(['state', 'list']);
      resources = list.split('\n').filter((a) => a && !a.startsWith('data.')).length;
    });
    if (applied) {
      await phase('plan', async () => {
        const args = [
          'plan',
          '-detailed-exitcode',
          '-input=false',
          '-no-color',
          par,
          '-out=second.tfplan',
        ];
        try {
          await tf(args);
        } catch (error) {
          // -detailed-exitcode: 2 means the plan succeeded and holds changes.
          if (!/\(exit 2\):/.test((error as Error).message)) throw error;
          const planFile = join(run.workDir, 'second-plan.json');
          await runTerraform(['show', '-json', '-no-color', 'second.tfplan'], {
            cwd: run.workDir,
            env: run.tfEnv,
            stdoutFile: planFile,
          });
          secondPlan = judgeSecondPlan(JSON.parse(readFileSync(planFile, 'utf8')) as PlanJson);
        }
        if (secondPlan.changes.length > 0) {
          throw new EmulatorError(
            `the second plan is not empty:\n${secondPlan.changes
              .map(
                (c) =>
                  `  ${c.address} ${c.actions.join('/')}: ${c.attributes
                    .map(
                      (a) =>
                        `${a} ${JSON.stringify(c.values[a]?.state)} -> ${JSON.stringify(c.values[a]?.planned)}`,
                    )
                    .join('; ')}`,
              )
              .join('\n')}`,
          );
        }
      });
    }
    // Destroy whatever was created, also after a failed apply.
    destroyed = await phase('destroy', async () => {
      await tf(['destroy', '-auto-approve', '-input=false', '-no-color', par]);
      const after = await takeInventory(run.python, run.moto.endpoint, targets);
      const settings = judgeSettings(before.settings, after.settings, types);
      keptSettings = settings.kept;
      leftovers = [...leftOver(before.resources, after.resources), ...settings.unexplained];
      if (leftovers.length > 0)
        throw new EmulatorError(
          `destroy left ${leftovers.length} resource(s) or setting(s) behind:\n  ${leftovers.join('\n  ')}`,
        );
    });
  }
  return {
    app: run.app,
    stack: run.stack,
    applied,
    resources,
    secondPlan,
    destroyed,
    leftovers,
    keptSettings,
    seconds: elapsed(total),
    phaseSeconds,
    ...(errors.length ? { error: errors.join('\n\n') } : {}),
  };
}
