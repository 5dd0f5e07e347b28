import { useState } from 'preact/hooks';
import type { Schemas } from '../api.js';
import { Link } from '../router.js';
import { Citations } from './Citations.js';
import { DECISION_LABELS, DecisionDialog, type DecisionKind, type DecisionSubject } from './DecisionDialog.js';
import { Designations } from './Designations.js';
import { ExposurePaths } from './ExposurePaths.js';
import { Qualifiers } from './Qualifiers.js';

type Match = Schemas['ScreenMatch'];
type Review = NonNullable<Match['previouslyReviewed']>;

const percent = (score: number) => `${Math.round(score * 1000) / 10}%`;
const words = (s: string) => s.replaceAll('_', ' ');

function PreviousReview(props: { review: Review }) {
  const { review } = props;
  return (
    <p class="reviewed" role="status">
      Previously reviewed: {words(review.decision)} by {review.reviewer} on {review.decidedAt.slice(0, 10)} — “{review.reason}”
    </p>
  );
}

/** The aligned tokens of the explanation, each with the rule that linked them and its share of the score. */
function AlignedTokens(props: { explanation: Match['explanation'] }) {
  if (props.explanation.pairs.length === 0) return <p>{props.explanation.summary}</p>;
  return (
    <table>
      <caption>{props.explanation.summary}</caption>
      <thead>
        <tr><th scope="col">Query</th><th scope="col">Listed name</th><th scope="col">Rule</th><th scope="col">Similarity</th><th scope="col">Contribution</th></tr>
      </thead>
      <tbody>
        {props.explanation.pairs.map((p, i) => (
          <tr key={i}>
            <td>{p.query || '—'}</td>
            <td>{p.candidate || '—'}</td>
            <td>{words(p.rule)}</td>
            <td>{p.similarity}</td>
            <td>{p.contribution}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One screening match: verdict, score, why it matched, designations, exposure and evidence; and the decision buttons. */
export function MatchArticle(props: { match: Match; subject: DecisionSubject | null }) {
  const { match } = props;
  const [deciding, setDeciding] = useState<DecisionKind | null>(null);
  const [review, setReview] = useState<Review | null>(match.previouslyReviewed);
  const headingId = `match-${match.entity.id}-${match.subjectKind}`;
  return (
    <article aria-labelledby={headingId} class={`match verdict-${match.verdict}`}>
      <h3 id={headingId}>{match.entity.name}</h3>
      <p class="verdict">
        <strong>{match.verdict}</strong> at {percent(match.score)} · {match.entity.status} ·{' '}
        <Link href={`/console/entities/${encodeURIComponent(match.entity.id)}`}>party record</Link>
      </p>
      {match.matchedName !== null && <p>Matched name: {match.matchedName} ({words(match.matchedNameType ?? 'name')})</p>}
      {match.matchedAddress !== null && <p>Matched address: {match.matchedAddress.value} ({match.matchedAddress.chain ?? 'any chain'})</p>}
      {review && <PreviousReview review={review} />}
      <h4>Why it matched</h4>
      <AlignedTokens explanation={match.explanation} />
      {match.explanation.qualifiers && match.explanation.qualifiers.length > 0 && (
        <Qualifiers rows={match.explanation.qualifiers} nameScore={match.explanation.nameScore} />
      )}
      <h4>Designations</h4>
      <Designations designations={match.designations} />
      <h4>Exposure</h4>
      <ExposurePaths exposure={match.exposure} />
      <h4>Citations</h4>
      <Citations citations={match.citations} />
      {props.subject && (
        <div class="actions">
          {(['false_positive', 'true_match'] as const).map((kind) => (
            <button key={kind} type="button" onClick={() => setDeciding(kind)}>{DECISION_LABELS[kind]}</button>
          ))}
        </div>
      )}
      {deciding && props.subject && (
        <DecisionDialog
          subject={props.subject}
          entity={match.entity}
          decision={deciding}
          onClose={() => setDeciding(null)}
          onRecorded={(d) => {
            setDeciding(null);
            setReview({ decisionId: d.id, subject: d.subject, decision: d.decision, reason: d.reason, reviewer: d.reviewer, decidedAt: d.createdAt, expiresAt: d.expiresAt });
          }}
        />
      )}
    </article>
  );
}
