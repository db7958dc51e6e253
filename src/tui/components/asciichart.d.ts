// Types for asciichart 1.5 (it ships none): only what the chart uses.
declare module 'asciichart' {
  export interface PlotConfig {
    min?: number;
    max?: number;
    height?: number;
    offset?: number;
    padding?: string;
    colors?: string[];
    symbols?: string[];
    format?: (x: number, i: number) => string;
  }
  export function plot(series: readonly number[] | readonly (readonly number[])[], cfg?: PlotConfig): string;
  const asciichart: { plot: typeof plot };
  export default asciichart;
}
