// Number and name formatting for the screens (pure). Durations use the one format of every face
// (src/model/duration.ts); memory is in binary units written as the reports write them (GiB).

/** Millicores → "97.3" cores (one decimal below 100, else whole). */
export function cores(milli: number): string {
  const c = milli / 1000;
  return Number.isInteger(c) || Math.abs(c) >= 100 ? String(Math.round(c)) : c.toFixed(1);
}

const UNITS = [
  ['TiB', 1024 ** 4],
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
] as const;

/** The binary unit a byte count reads best in ("GiB" for 190 GiB). */
export function unitOf(b: number): readonly [string, number] {
  return UNITS.find(([, size]) => Math.abs(b) >= size) ?? ['B', 1];
}

/** Bytes in `unit` (default: its own): "190", "1.5" (at most one decimal). */
export function inUnit(b: number, size: number): string {
  const v = b / size;
  return Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
}

/** Bytes → "190 GiB" / "1.5 GiB" / "512 MiB" / "100 B". */
export function bytes(b: number): string {
  const [u, size] = unitOf(b);
  return `${inUnit(b, size)} ${u}`;
}

/** 0.634 → "63%". */
export const pct = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** A number with at most `digits` decimals, trailing zeros dropped. */
export function num(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? String(x) : x.toFixed(digits).replace(/\.?0+$/, '');
}

/** "+2.1" / "-3" / "±0" for deltas. */
export function signed(x: number, digits = 1): string {
  if (Math.abs(x) < 10 ** -digits / 2) return '±0';
  return (x > 0 ? '+' : '') + num(x, digits);
}

/** Pads or cuts `s` to exactly `width` cells (… when cut). Wide glyphs are not expected here. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (s.length > width) return width === 1 ? '…' : s.slice(0, width - 1) + '…';
  return align === 'left' ? s.padEnd(width) : s.padStart(width);
}

/** `s` in at most `width` cells, shortened in the middle: "otel-c…ector". */
export function middle(s: string, width: number): string {
  if (s.length <= width) return s;
  if (width <= 1) return width === 1 ? '…' : '';
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return s.slice(0, head) + '…' + (tail > 0 ? s.slice(-tail) : '');
}

/**
 * `namespace/name` in at most `width` cells: whole when it fits, else both parts shortened in
 * their middle — the namespace to about 40 % of the room, never dropped:
 * shortName("observability/otel-collector", 20) = "obs…ity/otel-c…ector".
 */
export function shortName(key: string, width: number): string {
  if (key.length <= width) return key;
  const slash = key.indexOf('/');
  const room = width - 1;
  if (slash < 0 || room < 5) return middle(key, width);
  const ns = key.slice(0, slash);
  const name = key.slice(slash + 1);
  let nsW = Math.min(ns.length, Math.max(3, Math.floor(room * 0.4)));
  let nameW = room - nsW;
  if (name.length < nameW) {
    nameW = name.length;
    nsW = room - nameW;
  }
  return `${middle(ns, nsW)}/${middle(name, nameW)}`;
}

/** Words wrapped into lines of at most `width` cells (a word longer than a line is cut). */
export function wrap(text: string, width: number): string[] {
  if (width <= 0) return [];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      for (let w = word; w.length > 0; ) {
        const room = line ? width - line.length - 1 : width;
        if (w.length <= room) {
          line = line ? `${line} ${w}` : w;
          w = '';
        } else if (!line) {
          out.push(w.slice(0, width));
          w = w.slice(width);
        } else {
          out.push(line);
          line = '';
        }
      }
    }
    out.push(line);
  }
  return out;
}
