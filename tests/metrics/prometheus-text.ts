/** The samples of a Prometheus text exposition as `name{labels}` → value, labels as written (in declared order). */
export function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}

/** The sum of every sample of `name` whose labels include each of `labels` (any value for the others). */
export function total(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const [key, value] of samples(text)) {
    const [metric, rest = ''] = key.split('{');
    if (metric !== name) continue;
    if (Object.entries(labels).every(([k, v]) => rest.includes(`${k}="${v}"`))) sum += value;
  }
  return sum;
}
