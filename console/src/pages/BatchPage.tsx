import { useEffect, useState } from 'preact/hooks';
import { type Problem, postBatchCsv } from '../api.js';
import { chunked, csvRecords } from '../csv-chunks.js';
import { Field } from '../components/Field.js';
import { useTitle } from '../router.js';

// The batch endpoint takes up to 1,000 queries a request, in a body under the service's default limit of 64 KiB.
const CHUNK_ROWS = 1000;
const CHUNK_BYTES = 60_000;

interface Progress {
  done: number;
  total: number;
}

/** Screens a CSV of any length in chunks the batch endpoint takes, and offers the joined answer as a download. */
export function BatchPage() {
  useTitle('Batch');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [download, setDownload] = useState<string | null>(null);
  useEffect(() => () => { if (download) URL.revokeObjectURL(download); }, [download]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setProblem(null);
    setDownload(null);
    const { header, records } = csvRecords(await file.text());
    const chunks = chunked(header, records, CHUNK_ROWS, CHUNK_BYTES);
    setProgress({ done: 0, total: records.length });
    const answers: string[] = [];
    let done = 0;
    for (const [i, chunk] of chunks.entries()) {
      const answer = await postBatchCsv(`${header}\n${chunk.join('\n')}\n`);
      if ('problem' in answer) {
        const { problem: failed } = answer;
        setProblem({ ...failed, detail: `Rows ${done + 1}–${done + chunk.length}: ${failed.detail ?? failed.title}` });
        return;
      }
      const lines = answer.csv.replace(/\n$/, '');
      // Every answer starts with the same header row: it is kept once.
      answers.push(i === 0 ? lines : lines.slice(lines.indexOf('\n') + 1));
      done += chunk.length;
      setProgress({ done, total: records.length });
    }
    setDownload(URL.createObjectURL(new Blob([`${answers.join('\n')}\n`], { type: 'text/csv' })));
  };

  return (
    <section aria-labelledby="batch-title">
      <h1 id="batch-title">Batch</h1>
      <p>A CSV with a header row and a <code>name</code> and/or <code>address</code> column (optional <code>chain</code>, <code>kind</code>, <code>ref</code>); any length, sent {CHUNK_ROWS.toLocaleString('en')} rows (or 60 kB) at a time.</p>
      <form onSubmit={submit}>
        <Field id="batch-file" label="CSV file">
          <input id="batch-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </Field>
        <div class="actions"><button type="submit" disabled={!file}>Screen the file</button></div>
      </form>
      {progress && (
        <p>
          <label for="batch-progress">Rows screened</label>{' '}
          <progress id="batch-progress" max={progress.total} value={progress.done} /> {progress.done} of {progress.total}
        </p>
      )}
      {problem && <p class="problem" role="alert">{problem.detail ?? problem.title}</p>}
      {download && <p role="status"><a href={download} download="screening-results.csv">Download the results (CSV)</a></p>}
    </section>
  );
}

