/** One Prometheus sample; the server renders them, the daemon, its cluster membership and auth scoping produce them. */
export interface MetricSample {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  value: number;
  labels?: Record<string, string>;
}
