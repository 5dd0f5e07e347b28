import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { ListFormatError } from './errors.js';

/** One element of a record, kept only until the record has been converted. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * What a list parser needs from the XML stream: it sees the root element first, then each record (a small subtree
 * such as one party) whole. Everything outside records is skipped, so memory holds one record at a time.
 */
export interface XmlRecordHandlers {
  /** Throw a ListFormatError here to reject a document of another kind before reading the rest. */
  onRoot(name: string, attrs: Record<string, string>): void;
  /** Whether the element at `path` (element names from the root down to it) is a record to collect whole. */
  isRecord(path: readonly string[]): boolean;
  /** `parentPath` is the path of the record's parent element. */
  onRecord(record: XmlElement, parentPath: readonly string[]): void;
  /** How far the document got, for error messages: "1,234 parties". */
  progress(): string;
}

/**
 * A copy of `value` that does not share memory with the chunk it was cut from. V8 represents substrings as slices
 * of their parent string, so keeping a 20-character name would otherwise keep its whole 64 KB chunk of XML alive,
 * and with it, in the end, most of the document.
 */
function ownString(value: string): string {
  return value.length === 0 ? value : (' ' + value).slice(1);
}

function ownAttributes(attrs: Record<string, string>): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) own[ownString(key)] = ownString(value);
  return own;
}

/** Streams `input` through a SAX parser; rejects with a ListFormatError on malformed, foreign or truncated XML. */
export async function readXmlRecords(
  input: Readable,
  formatName: string,
  handlers: XmlRecordHandlers,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  const open: XmlElement[] = [];
  let rootSeen = false;

  // No list format has a DTD, and a DTD's entity declarations can expand without bound ("billion laughs") or read
  // files and URLs (XXE): a document that declares one is refused before anything in it is read.
  parser.on('doctype', () => {
    throw new ListFormatError(
      `not ${formatName} document: it has a DOCTYPE declaration, which no sanctions list carries; refused, since its entity declarations could expand without bound or reach outside the file`,
    );
  });
  parser.on('opentag', (tag) => {
    const attrs = tag.attributes;
    if (!rootSeen) {
      rootSeen = true;
      handlers.onRoot(tag.name, attrs);
    }
    path.push(tag.name);
    const parent = open[open.length - 1];
    if (parent === undefined && !handlers.isRecord(path)) return;
    const element: XmlElement = { name: tag.name, attrs: ownAttributes(attrs), children: [], text: '' };
    parent?.children.push(element);
    open.push(element);
  });
  const addText = (text: string): void => {
    const element = open[open.length - 1];
    if (element) element.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    path.pop();
    const element = open.pop();
    if (element) element.text = ownString(element.text);
    if (element && open.length === 0) handlers.onRecord(element, path);
  });

  input.setEncoding('utf8');
  let writing = false;
  try {
    for await (const chunk of input) {
      writing = true;
      parser.write(chunk as string);
      writing = false;
    }
    writing = true;
    parser.close();
  } catch (err) {
    if (err instanceof ListFormatError) throw err;
    throw writing ? xmlError(err, rootSeen, formatName, handlers) : inputError(err, handlers);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function xmlError(err: unknown, rootSeen: boolean, formatName: string, handlers: XmlRecordHandlers): ListFormatError {
  const message = messageOf(err);
  if (!rootSeen && /must contain a root element/.test(message)) {
    return new ListFormatError(`not ${formatName} document: the input is empty`, { cause: err });
  }
  if (!rootSeen) {
    return new ListFormatError(`not ${formatName} document: the input is not XML (${message})`, { cause: err });
  }
  if (/unclosed tag|unexpected end/i.test(message)) {
    return new ListFormatError(
      `unexpected end of input: the XML document is truncated after ${handlers.progress()} (${message})`,
      { cause: err },
    );
  }
  return new ListFormatError(`malformed XML after ${handlers.progress()}: ${message}`, { cause: err });
}

/** Errors of the byte stream itself: a truncated or corrupt gzip file is a format error, anything else is not. */
function inputError(err: unknown, handlers: XmlRecordHandlers): Error {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'Z_BUF_ERROR') {
    return new ListFormatError(
      `unexpected end of input: the gzip stream is truncated after ${handlers.progress()}`,
      { cause: err },
    );
  }
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new ListFormatError(`the gzip stream is corrupt: ${messageOf(err)}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(messageOf(err));
}

/** The first child element named `name`. */
export function childOf(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** Every child element named `name`. */
export function childrenOf(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The trimmed text of the first child named `name`; undefined when missing or blank. */
export function textOf(element: XmlElement, name: string): string | undefined {
  const text = childOf(element, name)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}
