// The previous server's schema, verbatim from shared/legacy-schema.sql (drizzle push output).
export const LEGACY_SCHEMA_SQL = `
-- Schema of the existing MentorConnect production database (PostgreSQL), as the previous server
-- created it (drizzle push of its shared/schema.ts). Migrations must upgrade a database in this state
-- in place, keeping every row, and must also build an empty database.


CREATE TABLE public.booking_notes (
    id character varying NOT NULL,
    booking_id character varying NOT NULL,
    author_type text NOT NULL,
    author_email text NOT NULL,
    note_type text DEFAULT 'note'::text NOT NULL,
    content text NOT NULL,
    is_completed boolean DEFAULT false,
    due_date timestamp without time zone,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.bookings (
    id character varying NOT NULL,
    mentor_id character varying NOT NULL,
    mentee_id character varying NOT NULL,
    cal_event_uri text,
    status text DEFAULT 'pending'::text NOT NULL,
    goal text,
    scheduled_at timestamp without time zone,
    clicked_at timestamp without time zone,
    responded_at timestamp without time zone,
    completed_at timestamp without time zone,
    canceled_at timestamp without time zone,
    mentee_rating integer,
    mentee_feedback text,
    mentor_rating integer,
    mentor_feedback text,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.mentees (
    id character varying NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    user_type text NOT NULL,
    organization_name text,
    organization_website text,
    organization_sector text,
    organization_size text,
    organization_mission text,
    organization_needs text,
    country text,
    timezone text NOT NULL,
    photo_url text,
    bio text,
    linkedin_url text,
    languages_spoken text[] NOT NULL,
    areas_exploring text[] NOT NULL,
    goals text,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.mentor_activity_log (
    id character varying NOT NULL,
    mentor_id character varying NOT NULL,
    mentee_id character varying,
    booking_id character varying,
    activity_type text NOT NULL,
    title text NOT NULL,
    description text,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.mentor_availability (
    id character varying NOT NULL,
    mentor_id character varying NOT NULL,
    day_of_week integer NOT NULL,
    start_time text NOT NULL,
    end_time text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.mentor_earnings (
    id character varying NOT NULL,
    mentor_id character varying NOT NULL,
    booking_id character varying,
    amount numeric(10,2) NOT NULL,
    currency text DEFAULT 'USD'::text NOT NULL,
    earned_at timestamp without time zone NOT NULL,
    payout_month text NOT NULL,
    payout_status text DEFAULT 'pending'::text NOT NULL
);

CREATE TABLE public.mentor_tasks (
    id character varying NOT NULL,
    mentor_id character varying NOT NULL,
    mentee_id character varying,
    booking_id character varying,
    title text NOT NULL,
    description text,
    due_date timestamp without time zone,
    status text DEFAULT 'pending'::text NOT NULL,
    priority text DEFAULT 'medium'::text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    completed_at timestamp without time zone
);

CREATE TABLE public.mentors (
    id character varying NOT NULL,
    name text NOT NULL,
    name_ar text,
    email text NOT NULL,
    company text,
    company_ar text,
    "position" text,
    position_ar text,
    timezone text NOT NULL,
    country text,
    photo_url text,
    bio text NOT NULL,
    bio_ar text,
    linkedin_url text,
    cal_link text NOT NULL,
    cal_15min text,
    cal_30min text,
    cal_60min text,
    expertise text[] NOT NULL,
    expertise_ar text[],
    industries text[] NOT NULL,
    industries_ar text[],
    languages_spoken text[] NOT NULL,
    comms_owner text NOT NULL,
    assistant_email text,
    mentorship_preference text,
    why_joined text,
    is_available boolean DEFAULT true NOT NULL,
    average_rating numeric(3,2) DEFAULT '0'::numeric,
    total_ratings integer DEFAULT 0,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE TABLE public.notifications (
    id character varying NOT NULL,
    recipient_email text NOT NULL,
    recipient_type text NOT NULL,
    type text NOT NULL,
    title text NOT NULL,
    message text NOT NULL,
    booking_id character varying,
    is_read boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL
);

CREATE TABLE public.users (
    id character varying NOT NULL,
    email text NOT NULL,
    password text NOT NULL,
    user_type text NOT NULL,
    profile_id character varying,
    is_verified boolean DEFAULT false NOT NULL,
    reset_token text,
    reset_token_expires timestamp without time zone,
    created_at timestamp without time zone NOT NULL
);

ALTER TABLE ONLY public.booking_notes
    ADD CONSTRAINT booking_notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentees
    ADD CONSTRAINT mentees_email_unique UNIQUE (email);

ALTER TABLE ONLY public.mentees
    ADD CONSTRAINT mentees_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentor_activity_log
    ADD CONSTRAINT mentor_activity_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentor_availability
    ADD CONSTRAINT mentor_availability_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentor_earnings
    ADD CONSTRAINT mentor_earnings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentor_tasks
    ADD CONSTRAINT mentor_tasks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mentors
    ADD CONSTRAINT mentors_email_unique UNIQUE (email);

ALTER TABLE ONLY public.mentors
    ADD CONSTRAINT mentors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_unique UNIQUE (email);

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.booking_notes
    ADD CONSTRAINT booking_notes_booking_id_bookings_id_fk FOREIGN KEY (booking_id) REFERENCES public.bookings(id);

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_mentee_id_mentees_id_fk FOREIGN KEY (mentee_id) REFERENCES public.mentees(id);

ALTER TABLE ONLY public.bookings
    ADD CONSTRAINT bookings_mentor_id_mentors_id_fk FOREIGN KEY (mentor_id) REFERENCES public.mentors(id);

ALTER TABLE ONLY public.mentor_activity_log
    ADD CONSTRAINT mentor_activity_log_booking_id_bookings_id_fk FOREIGN KEY (booking_id) REFERENCES public.bookings(id);

ALTER TABLE ONLY public.mentor_activity_log
    ADD CONSTRAINT mentor_activity_log_mentee_id_mentees_id_fk FOREIGN KEY (mentee_id) REFERENCES public.mentees(id);

ALTER TABLE ONLY public.mentor_activity_log
    ADD CONSTRAINT mentor_activity_log_mentor_id_mentors_id_fk FOREIGN KEY (mentor_id) REFERENCES public.mentors(id);

ALTER TABLE ONLY public.mentor_availability
    ADD CONSTRAINT mentor_availability_mentor_id_mentors_id_fk FOREIGN KEY (mentor_id) REFERENCES public.mentors(id);

ALTER TABLE ONLY public.mentor_earnings
    ADD CONSTRAINT mentor_earnings_booking_id_bookings_id_fk FOREIGN KEY (booking_id) REFERENCES public.bookings(id);

ALTER TABLE ONLY public.mentor_earnings
    ADD CONSTRAINT mentor_earnings_mentor_id_mentors_id_fk FOREIGN KEY (mentor_id) REFERENCES public.mentors(id);

ALTER TABLE ONLY public.mentor_tasks
    ADD CONSTRAINT mentor_tasks_booking_id_bookings_id_fk FOREIGN KEY (booking_id) REFERENCES public.bookings(id);

ALTER TABLE ONLY public.mentor_tasks
    ADD CONSTRAINT mentor_tasks_mentee_id_mentees_id_fk FOREIGN KEY (mentee_id) REFERENCES public.mentees(id);

ALTER TABLE ONLY public.mentor_tasks
    ADD CONSTRAINT mentor_tasks_mentor_id_mentors_id_fk FOREIGN KEY (mentor_id) REFERENCES public.mentors(id);

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_booking_id_bookings_id_fk FOREIGN KEY (booking_id) REFERENCES public.bookings(id);


`;
