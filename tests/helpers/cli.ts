import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths.js';
import { exitOf } from './server.js';

/** Starts the real CLI (src/cli.ts under tsx) as a child process with `env` on top of this one's. */
export function startCli(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
  });
}

/** Runs the CLI to its end: its exit code and everything it printed. */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await exitOf(startCli(args, env));
  return { code, stdout, stderr };
}
