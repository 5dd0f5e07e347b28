import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Where a command writes; tests pass collectors. */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A failure of a command: the CLI prints its message as one line on stderr and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A command line that is wrong (exit 2), saying where the usage is. */
export const usageError = (command: string, message: string) => new CliError(`${message} (see screening ${command} --help)`, 2);

/** parseArgs, with an unknown or incomplete option as a usage error of `command` instead of a TypeError. */
export function parseCommandLine<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) throw usageError(command, err.message);
    throw err;
  }
}

/** Whether the arguments ask for help (`--help` or `-h` before any `--`). */
export function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** What went wrong, on one line: the message of an error with its line breaks folded, never its stack. */
export function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ').trim();
}
