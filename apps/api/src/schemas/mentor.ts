import type { Mentor } from '@mentorconnect/db/schema';
import Type, { type Static } from 'typebox';
import { Email, Timestamp } from './common.js';
import { LongText, Name, Nullable, ShortText, TextList, TimeZone, Url } from './fields.js';

/**
 * A mentor row as the client sees it: every column. `email` and `assistant_email` are null unless the viewer
 * may see them (the mentor, an admin, or a mentee the mentor has accepted).
 */
export const MentorBody = Type.Object({
  id: Type.String(),
  name: Type.String(),
  name_ar: Nullable(Type.String()),
  email: Nullable(Type.String()),
  company: Nullable(Type.String()),
  company_ar: Nullable(Type.String()),
  position: Nullable(Type.String()),
  position_ar: Nullable(Type.String()),
  timezone: Type.String(),
  country: Nullable(Type.String()),
  photo_url: Nullable(Type.String()),
  bio: Type.String(),
  bio_ar: Nullable(Type.String()),
  linkedin_url: Nullable(Type.String()),
  cal_link: Type.String(),
  cal_15min: Nullable(Type.String()),
  cal_30min: Nullable(Type.String()),
  cal_60min: Nullable(Type.String()),
  expertise: Type.Array(Type.String()),
  expertise_ar: Nullable(Type.Array(Type.String())),
  industries: Type.Array(Type.String()),
  industries_ar: Nullable(Type.Array(Type.String())),
  languages_spoken: Type.Array(Type.String()),
  comms_owner: Type.String(),
  assistant_email: Nullable(Type.String()),
  mentorship_preference: Nullable(Type.String()),
  why_joined: Nullable(Type.String()),
  is_available: Type.Boolean(),
  /** numeric(3,2) as a string, e.g. "4.50" (the client parseFloats it). */
  average_rating: Nullable(Type.String()),
  total_ratings: Nullable(Type.Integer()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type MentorBody = Static<typeof MentorBody>;

/** The mentor with the private fields (email, assistant_email) removed. */
export function toPublicMentor(mentor: Mentor): MentorBody {
  return { ...toMentorBody(mentor), email: null, assistant_email: null };
}

const MENTOR_KEYS = Object.keys(MentorBody.properties) as (keyof MentorBody)[];

/**
 * The whole mentor, for a viewer who may see the private fields. Exactly the schema's keys, so that a
 * column added to the table later never leaks through a route that skips schema serialisation.
 */
export function toMentorBody(mentor: Mentor): MentorBody {
  return Object.fromEntries(MENTOR_KEYS.map((key) => [key, mentor[key]])) as MentorBody;
}

export const mentorFor = (mentor: Mentor, includePrivate: boolean) =>
  includePrivate ? toMentorBody(mentor) : toPublicMentor(mentor);

const CommsOwner = Type.Enum(['exec', 'assistant']);
const MentorshipPreference = Nullable(Type.Enum(['ongoing', 'rotating', 'either']));

/** Fields a mentor writes about themself, at onboarding and in the profile settings. */
const profileFields = {
  name: Name,
  name_ar: Nullable(ShortText),
  company: Nullable(ShortText),
  company_ar: Nullable(ShortText),
  position: Nullable(ShortText),
  position_ar: Nullable(ShortText),
  timezone: TimeZone,
  country: Nullable(ShortText),
  photo_url: Nullable(Url),
  bio: LongText,
  bio_ar: Nullable(LongText),
  linkedin_url: Nullable(Url),
  cal_link: Type.String({ minLength: 1, maxLength: 300 }),
  cal_15min: Nullable(Type.String({ maxLength: 300 })),
  cal_30min: Nullable(Type.String({ maxLength: 300 })),
  cal_60min: Nullable(Type.String({ maxLength: 300 })),
  expertise: TextList,
  expertise_ar: Nullable(TextList),
  industries: TextList,
  industries_ar: Nullable(TextList),
  languages_spoken: TextList,
  comms_owner: CommsOwner,
  assistant_email: Nullable(Type.String({ maxLength: 254 })),
  mentorship_preference: MentorshipPreference,
  why_joined: Nullable(LongText),
};

const { name, timezone, bio, cal_link, expertise, industries, languages_spoken, comms_owner, ...optionalFields } =
  profileFields;

/**
 * POST /api/mentors (the onboarding form). Unknown keys are ignored, as before: only these columns are
 * written, so the client cannot choose id, email (when logged in), ratings or timestamps.
 */
export const CreateMentorBody = Type.Object({
  name,
  email: Email,
  timezone,
  bio,
  cal_link,
  expertise,
  industries,
  languages_spoken,
  comms_owner,
  ...Type.Partial(Type.Object(optionalFields)).properties,
  is_available: Type.Optional(Type.Boolean()),
});
export type CreateMentorBody = Static<typeof CreateMentorBody>;

/** PATCH /api/mentors/:id: what ProfileSettings sends and the rest of the self-editable profile, nothing else. */
export const UpdateMentorBody = Type.Object(Type.Partial(Type.Object(profileFields)).properties, {
  additionalProperties: false,
  minProperties: 1,
});
export type UpdateMentorBody = Static<typeof UpdateMentorBody>;

export const MentorAvailabilityBody = Type.Object({ is_available: Type.Boolean() }, { additionalProperties: false });

const Filter = Type.String({ maxLength: 200 });

/** GET /api/mentors. Paging is opt-in: without limit, up to MENTOR_LIST_CAP mentors come back. */
export const MentorListQuery = Type.Object({
  search: Type.Optional(Filter),
  expertise: Type.Optional(Filter),
  industry: Type.Optional(Filter),
  language: Type.Optional(Filter),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
export type MentorListQuery = Static<typeof MentorListQuery>;

/**
 * The unpaged answer's row bound: a directory of hundreds, with room (the mentor portal finds its own mentor in
 * that list). The answer is also bounded in bytes (MENTOR_LIST_MAX_BYTES, docs/security.md).
 */
export const MENTOR_LIST_CAP = 1000;
