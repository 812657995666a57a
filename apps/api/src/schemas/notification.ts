import Type from 'typebox';
import { Timestamp } from './common.js';
import { Nullable } from './fields.js';

export const NotificationBody = Type.Object({
  id: Type.String(),
  recipient_email: Type.String(),
  recipient_type: Type.String(),
  type: Type.String(),
  title: Type.String(),
  message: Type.String(),
  booking_id: Nullable(Type.String()),
  is_read: Type.Boolean(),
  created_at: Timestamp,
});

export const UnreadCountBody = Type.Object({ count: Type.Integer() });
