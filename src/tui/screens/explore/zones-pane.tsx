// The cluster at the time cursor: per-zone requested vs allocatable cpu and memory (from the
// node samples), node trouble, and what happened at that instant.
import { formatDuration } from '../../../model/duration.js';
import { Box, Text } from 'ink';
import type { SimEvent } from '../../../sim/result.js';
import type { SimResult } from '../../../sim/result.js';
import { Pane } from '../../components/pane.js';
import { hbar } from '../../components/sparkline.js';
import { S } from '../../components/styled.js';
import { pct } from '../../format.js';
import { zonesAt, type ZoneState } from '../../data/cluster.js';
import { reasonCounts } from '../../data/events.js';
import { sampleAt } from '../../data/series.js';
import { useTheme, type Role } from '../../theme.js';

export interface ZonesPaneProps {
  readonly result: SimResult;
  readonly run: 'A' | 'B';
  readonly cursorMs: number;
  /** Events in the cursor's step, [cursorMs, cursorMs + stepMs). */
  readonly here: readonly SimEvent[];
  readonly stepMs: number;
  readonly width: number;
  readonly height: number;
}

/** A short zone label: what is left after the prefix all zones share ("eu-west-1a" → "1a"). */
export function zoneLabels(zones: readonly string[]): string[] {
  if (zones.length < 2) return zones.map((z) => z || '(none)');
  let common = 0;
  const first = zones[0];
  while (common < first.length && zones.every((z) => z[common] === first[common])) common++;
  // Cut at a separator so "eu-west-1a/1b" reads "1a" rather than "a".
  const cut = first.lastIndexOf('-', common - 1) + 1;
  return zones.map((z) => z.slice(cut) || z || '(none)');
}

const fillRole = (f: number): Role => (f >= 0.95 ? 'bad' : f >= 0.8 ? 'warn' : 'good');

function Bar({ fraction, width }: { fraction: number; width: number }) {
  const theme = useTheme();
  const { filled, empty } = hbar(fraction, width);
  return (
    <Text>
      <Text {...theme.text(fillRole(fraction))}>{filled}</Text>
      <S role="dim">{empty}</S>
      <Text {...theme.text(fillRole(fraction))}> {pct(fraction).padStart(4)}</Text>
    </Text>
  );
}

/** Short words for a zone's node trouble: "2 down", "1 mem", "1 cordon". */
export function trouble(z: ZoneState): string {
  const out: string[] = [];
  if (z.notReady) out.push(`${z.notReady} down`);
  if (z.memoryPressure) out.push(`${z.memoryPressure} mem`);
  if (z.tainted && !z.notReady) out.push(`${z.tainted} cordon`);
  return out.join(' ');
}

/** Nodes whose conditions or taints differ from how they started, at `t`. */
export function nodesOfNote(r: SimResult, t: number): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  for (const n of r.nodes) {
    const s = sampleAt(n.samples, t);
    const first = n.samples[0];
    if (!s || !first) continue;
    const taints = s.taints !== first.taints ? s.taints : '';
    if (s.conditions || taints) out.push({ name: n.name, what: [s.conditions, taints].filter(Boolean).join(' · ') });
  }
  return out;
}

export function ZonesPane(p: ZonesPaneProps) {
  const zones = zonesAt(p.result, p.cursorMs);
  const labels = zoneLabels(zones.map((z) => z.zone));
  const lw = Math.max(...labels.map((l) => l.length), 2);
  const inner = p.width - 4;
  // label, bar, " 100%", two spaces, bar, " 100%", " 12n", then the trouble words if any.
  const troubleW = Math.max(0, ...zones.map((z) => (trouble(z) ? trouble(z).length + 1 : 0)));
  const barW = Math.max(3, Math.floor((inner - lw - 1 - 5 - 2 - 5 - 4 - troubleW) / 2));
  const rowsForZones = Math.max(0, p.height - 5);
  const shown = zones.slice(0, rowsForZones);
  const counts = reasonCounts(p.here);
  // Rows left under the zones list the nodes in trouble at the cursor.
  const spare = Math.max(0, p.height - 5 - shown.length);
  const noted = spare > 1 ? nodesOfNote(p.result, p.cursorMs).slice(0, spare - 1) : [];
  return (
    <Pane title={`Zones at ${formatDuration(p.cursorMs)}${p.run === 'B' ? ' · B' : ''}${p.width >= 48 ? ' · requested/allocatable' : ' (req/alloc)'}`} width={p.width} height={p.height}>
      <Text wrap="truncate">
        <S role="dim">{' '.repeat(lw + 1) + 'cpu'.padEnd(barW + 5) + '  ' + 'memory'.padEnd(barW + 5) + ' n'}</S>
      </Text>
      {shown.map((z, i) => {
        const t = trouble(z);
        return (
          <Box key={z.zone}>
            <Text wrap="truncate">
              <S role="accent">{labels[i].padEnd(lw)}</S>{' '}
              <Bar fraction={z.cpuAllocatable ? z.cpuRequested / z.cpuAllocatable : 0} width={barW} />
              {'  '}
              <Bar fraction={z.memoryAllocatable ? z.memoryRequested / z.memoryAllocatable : 0} width={barW} />
              <S role="dim"> {z.nodes}n</S>
              {t ? <S role="bad"> {t}</S> : null}
            </Text>
          </Box>
        );
      })}
      {zones.length > shown.length ? <S role="dim">… {zones.length - shown.length} more zones</S> : null}
      {noted.map((n) => (
        <Text key={n.name} wrap="truncate">
          <S role="bad">{'  ' + n.name}</S>
          <S role="dim"> {n.what}</S>
        </Text>
      ))}
      <Text wrap="truncate">
        <S role="dim">{`${formatDuration(p.cursorMs)}–${formatDuration(p.cursorMs + p.stepMs)}: `}</S>
        {counts.length === 0 ? (
          <S role="dim">no events</S>
        ) : (
          counts.map((c, i) => (
            <Text key={c.reason}>
              {i ? ' ' : ''}
              <S role={/Evict|Failed|OOM|BackOff|NotReady|Unhealthy/.test(c.reason) ? 'bad' : null}>{c.reason}</S>
              <S role="dim">×{c.count}</S>
            </Text>
          ))
        )}
      </Text>
    </Pane>
  );
}
