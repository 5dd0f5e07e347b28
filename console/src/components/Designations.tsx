import type { Schemas } from '../api.js';
import { Citations } from './Citations.js';

/** The designations grouped by list: who listed the party, under which program, the entry and since when. */
export function Designations(props: { designations: Schemas['Designation'][] }) {
  if (props.designations.length === 0) return <p>No designation.</p>;
  const byList = new Map<string, Schemas['Designation'][]>();
  for (const d of props.designations) byList.set(`${d.authority} ${d.list}`, [...(byList.get(`${d.authority} ${d.list}`) ?? []), d]);
  return (
    <dl class="designations">
      {[...byList].map(([list, designations]) => (
        <div key={list}>
          <dt>{list}</dt>
          {designations.map((d, i) => (
            <dd key={i}>
              {d.program}
              {d.listRef !== null && `, entry ${d.listRef}`}
              {d.listedOn !== null && `, listed ${d.listedOn}`}
              <Citations citations={d.citations} />
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}
