import { useEffect, useRef, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem } from '../api.js';
import { DECISION_LABELS, DecisionDialog, type DecisionKind } from '../components/DecisionDialog.js';
import { Link, useTitle } from '../router.js';

type Item = Schemas['ReviewQueueItem'];
const PAGE_SIZE = 20;

const subjectText = ({ subject }: Item) =>
  'name' in subject ? [subject.name, subject.birthDate, subject.nationality].filter((part) => part !== undefined).join(', ')
  : 'identifiers' in subject ? subject.identifiers.map((i) => `${i.type} ${i.number}`).join(', ')
  : subject.address;

/** The matches awaiting a decision, oldest first; deciding one takes every item of the same subject and party out. */
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
          {queue.items.map((item) => (
            <li key={`${item.screeningId}-${item.matchIndex}`}>
              <article aria-labelledby={`item-${item.screeningId}-${item.matchIndex}`}>
                <h2 id={`item-${item.screeningId}-${item.matchIndex}`}>
                  {subjectText(item)} → {item.entity.name}
                </h2>
                <p>
                  <strong>{item.verdict}</strong> at {Math.round(item.score * 1000) / 10}% · {item.entity.status} · screened{' '}
                  {item.screenedAt.replace('T', ' ').slice(0, 19)} UTC{item.ref && ` · ref ${item.ref}`} ·{' '}
                  <Link href={`/console/entities/${encodeURIComponent(item.entity.id)}`}>party record</Link>
                </p>
                {item.matchedName !== null && <p>Matched name: {item.matchedName}</p>}
                {item.matchedAddress !== null && <p>Matched address: {item.matchedAddress}</p>}
                <div class="actions">
                  {(['false_positive', 'true_match'] as const).map((decision) => (
                    <button key={decision} type="button" onClick={() => setDeciding({ item, decision })}>
                      {DECISION_LABELS[decision]}
                    </button>
                  ))}
                </div>
              </article>
            </li>
          ))}
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
