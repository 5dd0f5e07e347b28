import type { Schemas } from '../api.js';

/** Each citation with its verbatim quote (where the source has one) and a link to the source. */
export function Citations(props: { citations: Schemas['Citation'][] }) {
  if (props.citations.length === 0) return null;
  return (
    <ul class="citations">
      {props.citations.map((c, i) => (
        <li key={i}>
          {c.quote !== null && <blockquote>{c.quote}</blockquote>}
          <span class="source">
            {c.source.url ? <a href={c.source.url} rel="noreferrer noopener" target="_blank">{c.source.title}</a> : c.source.title}
            {c.source.publishedAt && ` (${c.source.publishedAt})`}
            {c.listEntry !== null && ` — list entry ${c.listEntry}`}
          </span>
          {c.note !== null && <p class="note">{c.note}</p>}
        </li>
      ))}
    </ul>
  );
}
