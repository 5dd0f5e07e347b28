// The part of autocannon's programmatic API (README, "API") this benchmark uses; the package ships no types.
declare module 'autocannon' {
  interface AutocannonRequest {
    method?: string;
    path?: string;
    body?: string;
    headers?: Record<string, string>;
  }

  /** One connection; `setRequests` replaces the sequence of requests it cycles through. */
  interface AutocannonClient {
    setRequests(requests: AutocannonRequest[]): void;
  }

  interface AutocannonHistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface AutocannonResult {
    requests: AutocannonHistogram & { total: number; sent: number };
    latency: AutocannonHistogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    /** Responses by status code; autocannon reports the counts as strings or numbers depending on the version. */
    statusCodeStats: Record<string, { count: number | string }>;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: AutocannonRequest[];
    setupClient?: (client: AutocannonClient) => void;
  }

  function autocannon(options: AutocannonOptions): PromiseLike<AutocannonResult> & { stop(): void };
  export default autocannon;
  export type { AutocannonClient, AutocannonOptions, AutocannonRequest, AutocannonResult };
}
