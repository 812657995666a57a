import type { Mentee } from '@mentorconnect/db/schema';
import Type, { type Static } from 'typebox';
import { Email, Timestamp } from './common.js';
import { LongText, Name, Nullable, ShortText, TextList, TimeZone, Url } from './fields.js';

/** A mentee row: every column. Only the mentee, admins and their mentors ever see one. */
export const MenteeBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  user_type: Type.String(),
  organization_name: Nullable(Type.String()),
  organization_website: Nullable(Type.String()),
  organization_sector: Nullable(Type.String()),
  organization_size: Nullable(Type.String()),
  organization_mission: Nullable(Type.String()),
  organization_needs: Nullable(Type.String()),
  country: Nullable(Type.String()),
  timezone: Type.String(),
  photo_url: Nullable(Type.String()),
  bio: Nullable(Type.String()),
  linkedin_url: Nullable(Type.String()),
  languages_spoken: Type.Array(Type.String()),
  areas_exploring: Type.Array(Type.String()),
  goals: Nullable(Type.String()),
  created_at: Timestamp,
});
export type MenteeBody = Static<typeof MenteeBody>;

export function toMenteeBody(mentee: Mentee): MenteeBody {
  return mentee;
}

/** Fields a mentee writes about themself, at registration and on the dashboard's profile tab. */
const profileFields = {
  name: Name,
  user_type: Type.Enum(['individual', 'organization']),
  organization_name: Nullable(ShortText),
  organization_website: Nullable(Url),
  organization_sector: Nullable(ShortText),
  organization_size: Nullable(ShortText),
  organization_mission: Nullable(LongText),
  organization_needs: Nullable(LongText),
  country: Nullable(ShortText),
  timezone: TimeZone,
  photo_url: Nullable(Url),
  bio: Nullable(LongText),
  linkedin_url: Nullable(Url),
  languages_spoken: TextList,
  areas_exploring: TextList,
  goals: Nullable(LongText),
};

const { name, user_type, timezone, languages_spoken, areas_exploring, ...optionalFields } = profileFields;

/** POST /api/mentees (the registration form). Unknown keys are ignored; only these columns are written. */
export const CreateMenteeBody = Type.Object({
  name,
  email: Email,
  user_type,
  timezone,
  languages_spoken,
  areas_exploring,
  ...Type.Partial(Type.Object(optionalFields)).properties,
});
export type CreateMenteeBody = Static<typeof CreateMenteeBody>;

/** PATCH /api/mentees/:id: the self-editable profile, never id, email or created_at; at least one field. */
export const UpdateMenteeBody = Type.Object(Type.Partial(Type.Object(profileFields)).properties, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateMenteeBody = Static<typeof UpdateMenteeBody>;
