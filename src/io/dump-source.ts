// The objects of a kubectl dump, one at a time, from its bytes — whatever shape the dump has:
//   - one JSON value: a List (`kubectl get … -o json`), a typed list (PodList), an object, or a
//     top-level array of objects (`… | jq .items`);
//   - JSON values one after another (files built with `>>`, `kubectl cluster-info dump`, whose
//     `==== START logs for container … ====` sections and closing "Cluster info dumped to
//     standard output" line are skipped);
//   - YAML, one document or many (`---`), empty documents included (yaml-source.ts).
// Large JSON is never parsed whole: a byte scanner finds each top-level value and each element
// of its `items`, and only those slices are parsed, so a 1 GiB dump (more than V8 can hold as
// one string) loads in bounded memory. Lines are computed only when a message needs one.
import { isUtf8 } from 'node:buffer';
import { decodeText, utf16Bom } from './read-file.js';
import { looksLikeJson, parseSource } from './yaml-source.js';
import { JsonDump, skipWs } from './json-dump.js';
import { type DumpItem, type DumpSource, itemsOf, typedListKind } from './dump-items.js';

export { type DumpItem, type DumpSource, itemsOf, typedListKind };

/** The dump in `bytes` (UTF-8, BOM or not; UTF-16 with a BOM is decoded first). */
export function dumpFromBytes(bytes: Buffer, file: string): DumpSource {
  let buf = bytes;
  if (utf16Bom(buf)) buf = Buffer.from(decodeText(buf, file), 'utf8');
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const first = skipWs(buf, start);
  if (first < buf.length && (buf[first] === 0x7b || buf[first] === 0x5b)) {
    // NUL bytes and invalid UTF-8 are refused with their line, as for every text file.
    if (buf.indexOf(0) >= 0 || !isUtf8(buf)) decodeText(buf, file);
    return new JsonDump(buf, start, file);
  }
  return dumpFromText(decodeText(buf, file), file);
}

/**
 * The dump in `bytes` when they are JSON that looks like one — several documents, a List, an
 * array, an object with `kind` or `apiVersion` — else null (YAML, or a JSON scenario: the
 * caller reads the text). Syntax errors are reported as for any dump.
 */
export function jsonDumpOrNull(bytes: Buffer, file: string): DumpSource | null {
  let buf = bytes;
  if (utf16Bom(buf)) buf = Buffer.from(decodeText(buf, file), 'utf8');
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const first = skipWs(buf, start);
  if (first >= buf.length || (buf[first] !== 0x7b && buf[first] !== 0x5b)) return null;
  if (buf.indexOf(0) >= 0 || !isUtf8(buf)) decodeText(buf, file);
  const d = new JsonDump(buf, start, file);
  return d.isDump ? d : null;
}

/** A dump already decoded to text (YAML, or small JSON). */
export function dumpFromText(text: string, file: string): DumpSource {
  if (looksLikeJson(text)) return new JsonDump(Buffer.from(text, 'utf8'), 0, file);
  const src = parseSource(text, file);
  return {
    file,
    documents: src.values.length,
    lineOf: src.lineOf,
    *items() {
      for (let doc = 0; doc < src.values.length; doc++) yield* itemsOf(src.values[doc], doc, []);
    },
  };
}

/**
 * Bytes a Node needs in a JSON dump: its kind (`"Node"`, a `NodeList`), its selfLink
 * (`/nodes/x`, `nodes\/x`) or the fields its kind is told by when it has none (kubectl-kinds.ts
 * inferKind: status.nodeInfo or daemonEndpoints, spec.podCIDR or providerID). A `\u` escape could
 * spell any of them, so it counts too.
 */
const NODE_BYTES = ['Node', 'nodes/', 'nodes\\/', 'nodeInfo', 'daemonEndpoints', 'podCIDR', 'providerID', '\\u'];

/**
 * False when the JSON dump in `bytes` cannot hold a Node — none of NODE_BYTES occurs in it (a
 * native search; a few hundred milliseconds for 1 GiB). A dump read alone needs Nodes, so it is
 * refused before its objects are parsed: a 1 GiB dump of 1.46 million Pods and no Nodes took
 * 5 GiB and 70 s to be refused at its end. True means only "may": the objects say.
 */
export function mayHoldNodes(bytes: Buffer): boolean {
  // UTF-16 text is decoded before it is read: its bytes do not spell the words.
  if (utf16Bom(bytes)) return true;
  return NODE_BYTES.some((b) => bytes.includes(b));
}
