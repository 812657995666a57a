/** Rules for a mentor's weekly availability (informational: the booking itself happens on Cal.com). */

export interface WeeklySlot {
  day_of_week: number;
  /** "HH:MM", 24-hour, zero-padded: such strings compare in time order. */
  start_time: string;
  end_time: string;
}

export interface SlotIssue {
  path: (string | number)[];
  message: string;
}

/** Each slot must end after it starts, and slots of the same day must not overlap. */
export function weeklyAvailabilityIssues(slots: WeeklySlot[]): SlotIssue[] {
  const issues: SlotIssue[] = [];
  slots.forEach((slot, index) => {
    if (slot.start_time >= slot.end_time) {
      issues.push({ path: ['slots', index, 'end_time'], message: 'end_time must be after start_time' });
      return;
    }
    const overlapped = slots.findIndex(
      (other, otherIndex) =>
        otherIndex < index &&
        other.day_of_week === slot.day_of_week &&
        other.start_time < slot.end_time &&
        slot.start_time < other.end_time,
    );
    if (overlapped !== -1) {
      issues.push({ path: ['slots', index], message: `overlaps slot ${overlapped} on the same day` });
    }
  });
  return issues;
}
