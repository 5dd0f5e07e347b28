import type { Schemas } from '../api.js';
import { Link } from '../router.js';
import { Citations } from './Citations.js';

type Step = Schemas['ExposurePath']['steps'][number];

const words = (s: string) => s.replaceAll('_', ' ');

function Party(props: { party: Schemas['EntitySummary'] }) {
  return (
    <>
      <Link href={`/console/entities/${encodeURIComponent(props.party.id)}`}>{props.party.name}</Link> ({props.party.status})
    </>
  );
}

function StepText(props: { step: Step }) {
  const { step } = props;
  if (step.kind === 'designation') {
    return <>designated: {step.authority}, {step.list} ({step.program}{step.listRef !== null && `, entry ${step.listRef}`}{step.listedOn !== null && `, ${step.listedOn}`})</>;
  }
  if (step.kind === 'event') {
    return <>{words(step.role)} at {step.event.title} ({step.event.startDate === step.event.endDate ? step.event.startDate : `${step.event.startDate} – ${step.event.endDate}`})</>;
  }
  return <><Party party={step.from} /> {words(step.type)} <Party party={step.to} /></>;
}

/** Why the party has its status: each chain of cited facts to a designation, shortest first. */
export function ExposurePaths(props: { exposure: Schemas['Exposure'] }) {
  const { exposure } = props;
  if (exposure.paths.length === 0) return <p>No path to a designated party.</p>;
  return (
    <ol class="exposure-paths">
      {exposure.paths.map((path, i) => (
        <li key={i}>
          <p class="path-label">Path {i + 1}: {exposure.status}</p>
          <ol class="steps">
            {path.steps.map((step, j) => (
              <li key={j}>
                <StepText step={step} />
                <Citations citations={step.citations} />
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
