import { InvalidJobPayloadError } from '@mentorconnect/shared/jobs';
import type { JobOutcome, WorkerMetrics } from '@mentorconnect/shared/metrics';

type Handler<Args extends unknown[], Result> = (...args: Args) => Promise<Result>;

/** One outcome per job of a handler that returns per-job results (pg-boss `perJobResults`), or 'completed'. */
function outcomesOf(result: unknown): JobOutcome[] {
  if (!Array.isArray(result)) return ['completed'];
  return result.map((entry) => {
    const status = (entry as { status?: string }).status;
    return status === 'deadletter' ? 'dead' : status === 'failed' ? 'failed' : 'completed';
  });
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
      for (const outcome of outcomesOf(result)) metrics.recordJob(queue, outcome, seconds());
      return result;
    } catch (error) {
      metrics.recordJob(queue, error instanceof InvalidJobPayloadError ? 'dead' : 'failed', seconds());
      throw error;
    }
  };
}
