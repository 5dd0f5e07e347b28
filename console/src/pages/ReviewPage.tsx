import { useEffect, useRef, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';
import { DECISION_LABELS, DecisionDialog, type DecisionKind, subjectText } from '../components/DecisionDialog.js';
import { Link, useTitle } from '../router.js';

type Item = Schemas['ReviewQueueItem'];
const PAGE_SIZE = 20;

const itemId = (item: Item) => (item.kind === 'alert' ? `alert-${item.alertId}` : `item-${item.screeningId}-${item.matchIndex}`);
const when = (instant: string) => `${instant.replace('T', ' ').slice(0, 19)} UTC`;
const percent = (score: number) => `${Math.round(score * 1000) / 10}%`;

function PartyLink({ item }: { item: Item }) {
  return <Link href={`/console/entities/${encodeURIComponent(item.entity.id)}`}>party record</Link>;
}

function MatchDetails({ item }: { item: Extract<Item, { kind: 'screening_match' }> }) {
  return (
    <>
      <p>
        <strong>{item.verdict}</strong> at {percent(item.score)} · {item.entity.status} · screened {when(item.screenedAt)}
        {item.ref && ` · ref ${item.ref}`} · <PartyLink item={item} />
      </p>
      {item.matchedName !== null && <p>Matched name: {item.matchedName}</p>}
      {item.matchedAddress !== null && <p>Matched address: {item.matchedAddress}</p>}
    </>
  );
}

/** An alert's change in words: the match it is now, the one it was, and the lines of the record that changed. */
function AlertDetails({ item }: { item: Extract<Item, { kind: 'alert' }> }) {
  const { before, after, fields, reason } = item.changes;
  const lines = Object.entries(fields ?? {}).flatMap(([field, change]) => [
    ...change.added.map((line) => `${field} added: ${line}`),
    ...change.removed.map((line) => `${field} removed: ${line}`),
  ]);
  return (
    <>
      <p>
        <strong>{ALERT_LABELS[item.alertType]}</strong> · monitor {item.monitorRef} · {item.entity.status} · raised {when(item.raisedAt)} ·{' '}
        <PartyLink item={item} />
      </p>
      {after && <p>Now: {after.verdict} at {percent(after.score)}{after.matchedName !== null && ` on ${after.matchedName}`}</p>}
      {before && <p>Before: {before.verdict} at {percent(before.score)}{before.matchedName !== null && ` on ${before.matchedName}`}</p>}
      {reason && <p>Why: {reason === 'delisted' ? 'delisted' : 'no longer matches'}</p>}
      {lines.length > 0 && (
        <ul aria-label="What changed">
          {lines.map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
    </>
  );
}

const ALERT_LABELS = { new_match: 'New match', match_updated: 'Match updated', match_removed: 'Match removed' } as const;

/**
 * What awaits a decision, oldest first: screening matches and monitors' open alerts; deciding one takes every item
 * of the same subject and party out, and acknowledges the alerts on it.
 */
export function ReviewPage() {
  useTitle('Review queue');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [queue, setQueue] = useState<Schemas['ReviewQueue'] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [deciding, setDeciding] = useState<{ item: Item; decision: DecisionKind } | null>(null);
  const [loads, setLoads] = useState(0);
  // The decided item's buttons leave with it: focus goes to the queue's heading, not to the end of the page.
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void api.GET('/v1/review-queue', { params: { query: { limit: PAGE_SIZE, cursor } } }).then(({ data, error, response }) => {
      setQueue(data ?? null);
      setProblem(data ? null : asProblem(error, response.status));
      if (loads > 0) heading.current?.focus();
    });
  }, [cursor, loads]);

  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title" ref={heading} tabIndex={-1}>Review queue</h1>
      {problem && <p class="problem" role="alert">{problem.detail ?? problem.title}</p>}
      {queue && queue.items.length === 0 && <p role="status">Nothing awaits review.</p>}
      {queue && queue.items.length > 0 && (
        <ol class="queue">
          {queue.items.map((item) => {
            const id = itemId(item);
            return (
              <li key={id}>
                <article aria-labelledby={id}>
                  <h2 id={id}>
                    {item.kind === 'alert' ? 'Alert: ' : ''}
                    {subjectText(item.subject)} → {item.entity.name}
                  </h2>
                  {item.kind === 'alert' ? <AlertDetails item={item} /> : <MatchDetails item={item} />}
                  <div class="actions">
                    {(['false_positive', 'true_match'] as const).map((decision) => (
                      <button key={decision} type="button" onClick={() => setDeciding({ item, decision })}>
                        {DECISION_LABELS[decision]}
                      </button>
                    ))}
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
      <nav aria-label="Queue pages" class="actions">
        {cursor !== undefined && <button type="button" onClick={() => setCursor(undefined)}>First page</button>}
        {queue?.nextCursor && <button type="button" onClick={() => setCursor(queue.nextCursor ?? undefined)}>Next page</button>}
      </nav>
      {deciding && (
        <DecisionDialog
          subject={deciding.item.subject}
          entity={deciding.item.entity}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onRecorded={() => {
            setDeciding(null);
            setLoads((n) => n + 1);
          }}
        />
      )}
    </section>
  );
}
