import Type from 'typebox';

export const MenteeParams = Type.Object({ menteeId: Type.String({ minLength: 1, maxLength: 100 }) });

export const MenteeStatsBody = Type.Object({
  totalSessions: Type.Integer(),
  completedSessions: Type.Integer(),
  upcomingSessions: Type.Integer(),
  uniqueMentors: Type.Integer(),
});
