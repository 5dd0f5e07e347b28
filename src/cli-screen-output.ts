import fs from 'node:fs';
import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import { CliError, oneLine } from './cli-errors.js';
import { csvText } from './csv.js';

/**
 * Where `screen` writes its results. An interrupted run must not leave an output that passes for complete: a file
 * is written as `<file>.partial` and renamed only once every row is in it; stdout gets a last line saying it stopped.
 */
export interface ResultsOutput {
  write(text: string): Promise<void>;
  /** Every row is written: the output is made final. */
  complete(): Promise<void>;
  /** The run stopped early (`note` says where): leaves the output marked incomplete, and says how to go on. */
  interrupt(note: string): Promise<string>;
}

/** Results on a stream (stdout): the header first; an interruption ends it with a `# incomplete` line. */
export async function streamOutput(stream: NodeJS.WritableStream, header: string[]): Promise<ResultsOutput> {
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write(csvText([header]));
  return {
    write,
    complete: async () => undefined,
    interrupt: async (note) => {
      await write(`# incomplete: ${note}\n`);
      return 'the output ends with a line "# incomplete"; write the results with --out <file> to be able to resume a run';
    },
  };
}

/** Where an interrupted run stopped: the whole rows of its partial file, and the byte they end at. */
export interface ResumePoint {
  rows: number;
  bytes: number;
}

/** The resume point of the interrupted run whose results go to `file`; no partial file, or one of other columns, is a CliError. */
export async function resumePoint(file: string, header: string[]): Promise<ResumePoint> {
  const partial = `${file}.partial`;
  if (!fs.existsSync(partial)) throw new CliError(`nothing to resume: ${partial} does not exist`);
  return wholeRows(partial, header);
}

/**
 * Results in `file`, through `<file>.partial`: from a resume point, the partial file is cut after its last whole row
 * and appended to; without one, a partial file left over is refused rather than overwritten.
 */
export async function fileOutput(file: string, header: string[], from: ResumePoint | undefined): Promise<ResultsOutput> {
  const partial = `${file}.partial`;
  if (!from && fs.existsSync(partial)) {
    throw new CliError(`${partial} is left from an interrupted run: add --resume to go on from its last row, or delete it to start again`);
  }
  if (from) await fs.promises.truncate(partial, from.bytes);
  const handle = await fs.promises.open(partial, from ? 'a' : 'w').catch((err: unknown) => {
    throw new CliError(`cannot write ${partial}: ${oneLine(err)}`);
  });
  const write = (text: string) => handle.writeFile(text);
  if (!from) await write(csvText([header]));
  return {
    write,
    complete: async () => {
      await handle.sync();
      await handle.close();
      await fs.promises.rename(partial, file);
    },
    interrupt: async () => {
      await handle.close();
      return `the rows written are in ${partial}, renamed ${file} once complete: run the same command with --resume to go on`;
    },
  };
}

/** The first `length` bytes of `file`, its size, and whether it ends with a line break. */
async function edgesOf(file: string, length: number): Promise<{ head: Buffer; size: number; endsWithLineBreak: boolean }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(length);
    await handle.read(head, 0, length, 0);
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, Math.max(size - 1, 0));
    return { head, size, endsWithLineBreak: last.toString() === '\n' };
  } finally {
    await handle.close();
  }
}

/**
 * How many whole result rows `partial` holds after `header`, and the byte the last one ends at. A row cut short (the
 * process killed in the middle of a write) is not counted, so that the run goes on from the row before it.
 */
async function wholeRows(partial: string, header: string[]): Promise<ResumePoint> {
  const expected = Buffer.from(csvText([header]));
  const { head, size, endsWithLineBreak } = await edgesOf(partial, expected.length);
  if (!head.equals(expected)) throw new CliError(`${partial} has other columns than this file's results: it is not an earlier run of this file`);

  // Where each whole record ends, the header's first.
  const ends: number[] = [];
  const input = fs.createReadStream(partial);
  const parser = parse({ info: true, relax_column_count: true });
  input.on('error', (err) => parser.destroy(err));
  try {
    for await (const { record, info } of input.pipe(parser) as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      if (record.length !== header.length) break;
      ends.push(info.bytes);
    }
  } catch (err) {
    // An unclosed quote at the end is a row cut short; the rows before it stand.
    if (!(err instanceof CsvError)) throw err;
  } finally {
    input.destroy();
  }
  // The last row is whole only if the file ends with the line break after it.
  if (ends.at(-1) === size && !endsWithLineBreak) ends.pop();
  return { rows: ends.length - 1, bytes: ends.at(-1) ?? expected.length };
}
