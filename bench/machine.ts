// The machine a benchmark ran on, as every results file records it beside its figures: the
// project's machines are shared and their speed varies through the day, so a figure means
// little without it. A helper, not a benchmark (it exports no run()).

export interface BenchMachine {
  cpu: string;
  cores: number;
  memory_gib: number;
  /** os.loadavg() when the run started (1, 5, 15 minutes). */
  load_avg_at_start: number[];
  os: string;
  node: string;
}
