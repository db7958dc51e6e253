// Every report file of a run, as text keyed by file name (pure).
import type { SimResult } from '../sim/result.js';
import { toCsv } from './csv.js';
import { renderReportHtml } from './html.js';
import { eventsTable, nodesTable, summaryTable, timelineTable } from './tables.js';

export function reportFiles(r: SimResult): Record<string, string> {
  return {
    'timeline.csv': toCsv(timelineTable(r)),
    'events.csv': toCsv(eventsTable(r)),
    'summary.csv': toCsv(summaryTable(r)),
    'nodes.csv': toCsv(nodesTable(r)),
    'report.html': renderReportHtml(r),
  };
}
