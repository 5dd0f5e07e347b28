import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../src/paths.js';

/** Child processes started by this run and not yet exited: each leads its own process group. */
const running = new Set<ChildProcess>();

/** Sends `signal` to the child's whole process group (a cluster's workers too); false when none is left. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

let cleanupInstalled = false;

/** Kills every child still running when this process exits, however it exits. */
export function killChildrenOnExit(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const child of running) signalGroup(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping the benchmark and its child processes\n`);
      process.exit(130);
    });
  }
}

export interface Spawned {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | NodeJS.Signals | null>;
  stdout: () => string;
  /** The last few kilobytes of stderr, to say why a child failed. */
  stderrTail: () => string;
}

/** Starts a process in its own process group, in the project root, tracked until it exits. */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  const options: SpawnOptions = { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] };
  const child = spawn(command, args, options);
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.on('error', (e) => {
      err += `\n${e.message}`;
      running.delete(child);
      resolve(null);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? signal);
    });
  });
  return { child, exited, stdout: () => out, stderrTail: () => err };
}

/** Runs a bench script under tsx in a fresh Node process and returns its stdout; throws with its stderr on failure. */
export async function runScript(script: string, args: string[], nodeOptions: string[] = []): Promise<string> {
  const spawned = start(process.execPath, [...nodeOptions, '--import', 'tsx', `bench/${script}`, ...args]);
  const code = await spawned.exited;
  if (code !== 0) throw new Error(`bench/${script} ${args.join(' ')} failed (${String(code)}):\n${firstLines(spawned.stderrTail())}`);
  return spawned.stdout();
}

/** The first lines of a child's stderr that say something (an out-of-memory report is mostly a native stack). */
const firstLines = (text: string, count = 8) =>
  text.split('\n').filter((l) => l.trim() !== '').slice(0, count).join('\n');

/** Runs a command to completion (e.g. the build); throws with its output on failure. */
export async function runCommand(command: string, args: string[]): Promise<void> {
  const spawned = start(command, args);
  const code = await spawned.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(code)}):\n${spawned.stdout().slice(-2000)}${spawned.stderrTail()}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface StopOutcome {
  /** Whether the process exited by itself within the grace period after SIGTERM. */
  exitedOnSigterm: boolean;
  /** Whether processes of its group (cluster workers) were still alive after it exited, and had to be killed. */
  leftProcesses: boolean;
}

/** SIGTERM to the process (as a process manager sends it), then SIGKILL to whatever of its group is left. */
export async function stop(spawned: Spawned, graceMs = 15_000): Promise<StopOutcome> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return { exitedOnSigterm: true, leftProcesses: false };
  child.kill('SIGTERM');
  const exitedOnSigterm = await Promise.race([spawned.exited.then(() => true), sleep(graceMs).then(() => false)]);
  if (!exitedOnSigterm) signalGroup(child, 'SIGKILL');
  // A moment for workers to follow their primary out before looking for stragglers.
  await sleep(200);
  const leftProcesses = signalGroup(child, 0);
  if (leftProcesses) signalGroup(child, 'SIGKILL');
  await spawned.exited;
  return { exitedOnSigterm, leftProcesses };
}
