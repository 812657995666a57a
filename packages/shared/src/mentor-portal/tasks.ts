/** Rules for the mentor's own task list. */

export type TaskStatus = 'pending' | 'in_progress' | 'completed' | 'canceled';

/**
 * What a status change does to completed_at: stamped when a task becomes completed, cleared when it leaves
 * that status, untouched otherwise (so re-sending "completed" keeps the original time).
 */
export function completionChange(previous: TaskStatus, next: TaskStatus | undefined): boolean | undefined {
  if (next === undefined || next === previous) return undefined;
  if (next === 'completed') return true;
  return previous === 'completed' ? false : undefined;
}

export function taskCreatedActivity(task: { title: string }) {
  return { activity_type: 'task_created' as const, title: 'Task created', description: task.title };
}

export function taskCompletedActivity(task: { title: string }) {
  return { activity_type: 'task_completed' as const, title: 'Task completed', description: task.title };
}
