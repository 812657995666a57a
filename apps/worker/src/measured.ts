import { InvalidJobPayloadError } from '@mentorconnect/shared/jobs';
import type { JobOutcome, WorkerMetrics } from '@mentorconnect/shared/metrics';

type Handler<Args extends unknown[], Result> = (...args: Args) => Promise<Result>;

/** The outcome of a handler that returns per-job results (pg-boss `perJobResults`), or 'completed'. */
function outcomeOf(result: unknown): JobOutcome {
  if (!Array.isArray(result)) return 'completed';
  const statuses = result.map((entry) => (entry as { status?: string }).status);
  if (statuses.includes('deadletter')) return 'dead';
  if (statuses.includes('failed')) return 'failed';
  return 'completed';
}

/** Records every run of a queue's handler: its outcome and how long it took. */
export function measured<Args extends unknown[], Result>(
  metrics: WorkerMetrics,
  queue: string,
  handler: Handler<Args, Result>,
): Handler<Args, Result> {
  return async (...args) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await handler(...args);
      metrics.recordJob(queue, outcomeOf(result), seconds());
      return result;
    } catch (error) {
      metrics.recordJob(queue, error instanceof InvalidJobPayloadError ? 'dead' : 'failed', seconds());
      throw error;
    }
  };
}
