import type { CitedFact } from './curated.js';

/** `"a \n  b"` → `"a b"`: quotes are compared after collapsing runs of whitespace, so line breaks don't matter. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface QuotedSource {
  id: string;
  documentFile?: string | undefined;
  url?: string | undefined;
}

/**
 * The citations whose quote is not a verbatim substring of its source's document, one message each naming the fact
 * and the quote. A quote from a source with neither a document nor a public URL cannot be checked, so it is
 * reported too; a quote from a published page (a press release) is listed by `externalQuotes` instead.
 * `readDocument` returns a document's text by file name, or undefined when the file is missing.
 */
export function unverifiedQuotes(
  facts: CitedFact[],
  sources: QuotedSource[],
  readDocument: (documentFile: string) => string | undefined,
): string[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  const collapsed = new Map<string, string | undefined>();
  const documentText = (file: string): string | undefined => {
    if (!collapsed.has(file)) {
      const text = readDocument(file);
      collapsed.set(file, text === undefined ? undefined : collapseWhitespace(text));
    }
    return collapsed.get(file);
  };

  const problems: string[] = [];
  for (const { fact, citation } of facts) {
    if (citation.quote === undefined) continue;
    const source = byId.get(citation.source);
    const where = `${fact}: quote ${JSON.stringify(citation.quote)} from ${citation.source}`;
    if (source?.documentFile === undefined) {
      if (source?.url === undefined) problems.push(`${where}: the source has no documentFile to check the quote against`);
      continue;
    }
    const text = documentText(source.documentFile);
    if (text === undefined) problems.push(`${where}: document ${source.documentFile} not found`);
    else if (!text.includes(collapseWhitespace(citation.quote))) {
      problems.push(`${where}: not found verbatim in ${source.documentFile}`);
    }
  }
  return problems;
}

/** Quotes of sources that are published pages (a URL, no local document): checkable only online. */
export function externalQuotes(facts: CitedFact[], sources: QuotedSource[]): string[] {
  const byId = new Map(sources.map((s) => [s.id, s]));
  return facts.flatMap(({ fact, citation }) => {
    const source = byId.get(citation.source);
    if (citation.quote === undefined || source?.documentFile !== undefined || source?.url === undefined) return [];
    return [`${fact}: ${JSON.stringify(citation.quote)} (${source.url})`];
  });
}
