// Every report file of a run, as text keyed by file name (pure).
import type { SimResult } from '../sim/result.js';
import { toCsv } from './csv.js';
import { renderReportHtml } from './html.js';
import { podStatusTable } from './pod-status.js';
import { eventsTable, nodesTable, summaryTable, timelineTable } from './tables.js';

export function reportFiles(r: SimResult): Record<string, string> {
  const pods = podStatusTable(r);
  return {
    'timeline.csv': toCsv(timelineTable(r)),
    'events.csv': toCsv(eventsTable(r)),
    'summary.csv': toCsv(summaryTable(r)),
    'nodes.csv': toCsv(nodesTable(r)),
    ...(pods ? { 'pod-status.csv': toCsv(pods) } : {}),
    'report.html': renderReportHtml(r),
  };
}
