import { useEffect, useRef, useState } from 'preact/hooks';
import { type Problem, type Schemas, api, asProblem, fieldError, session } from '../api.js';
import { Field, describedBy } from './Field.js';

export type DecisionKind = 'false_positive' | 'true_match';
export type DecisionSubject = Schemas['DecisionRequest']['subject'];

/** A subject in one line: the name with what it was screened with, the documents, or the address on its chain. */
export const subjectText = (s: DecisionSubject) =>
  [s.name, s.birthDate, s.nationality, ...(s.identifiers ?? []).map((i) => `${i.type} ${i.number}`), s.address, s.chain]
    .filter((part) => part !== undefined)
    .join(', ');

export const DECISION_LABELS: Record<DecisionKind, string> = {
  false_positive: 'Mark as false positive',
  true_match: 'Confirm match',
};

interface Props {
  subject: DecisionSubject;
  entity: { id: string; name: string };
  decision: DecisionKind;
  onRecorded: (decision: Schemas['Decision']) => void;
  onClose: () => void;
}

/**
 * Asks for the reason (and the reviewer's name) and records the decision. A modal <dialog>: the rest of the page is
 * inert while it is open, Escape closes it, and focus goes back to the button that opened it.
 */
export function DecisionDialog(props: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [reviewer, setReviewer] = useState(session.reviewer());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // Signed in, the service records the key's name as the reviewer; running open, the analyst gives one.
  const asksReviewer = session.key() === null;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    return () => opener?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const { data, error, response } = await api.POST('/v1/decisions', {
      body: { subject: props.subject, entityId: props.entity.id, decision: props.decision, reason, ...(asksReviewer ? { reviewer } : {}) },
    });
    setBusy(false);
    if (data) {
      if (asksReviewer) session.setReviewer(reviewer);
      props.onRecorded(data);
      return;
    }
    setProblem(asProblem(error, response.status));
  };

  const reasonError = fieldError(problem, 'body.reason');
  const reviewerError = fieldError(problem, 'body.reviewer');
  const otherError = problem && !reasonError && !reviewerError ? problem.detail ?? problem.title : undefined;
  return (
    <dialog ref={dialog} aria-labelledby="decision-title" onClose={props.onClose}>
      <form onSubmit={submit}>
        <h2 id="decision-title">
          {DECISION_LABELS[props.decision]}: {props.entity.name}
        </h2>
        <p>
          Subject: {subjectText(props.subject)}
        </p>
        <Field id="decision-reason" label="Reason" error={reasonError}>
          <textarea id="decision-reason" required value={reason} onInput={(e) => setReason(e.currentTarget.value)} {...describedBy('decision-reason', reasonError)} />
        </Field>
        {asksReviewer && (
          <Field id="decision-reviewer" label="Reviewer" error={reviewerError}>
            <input id="decision-reviewer" required autocomplete="name" value={reviewer} onInput={(e) => setReviewer(e.currentTarget.value)} {...describedBy('decision-reviewer', reviewerError)} />
          </Field>
        )}
        {otherError && <p class="problem" role="alert">{otherError}</p>}
        <div class="actions">
          <button type="submit" disabled={busy}>Record decision</button>
          <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
