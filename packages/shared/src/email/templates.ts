import { type EmailCopy, renderLayout } from './layout.js';
import { type EmailData, type EmailLocale, InvalidEmailDataError, type RenderedEmail } from './message.js';
import { formatSessionTime } from './session-time.js';
import type { EmailTemplateName } from './template-names.js';

/**
 * The job's `data` for each template (the shapes packages/shared/src/bookings builds). Values are strings
 * unless noted; `?` marks optional ones. A link in the data must be under APP_URL (same origin), and a
 * missing one is built from APP_URL; nothing comes from a request's Host header.
 * - password_reset: resetUrl, expiresInMinutes (number)
 * - email_verification: verifyUrl
 * - booking_request_confirmation: mentorName, confirmUrl, menteeName?, goal?, expiresInHours? (number)
 * - booking_request_held (to an unverified account that requested a session): mentorName, verifyUrl
 * - profile_confirmation (to a visitor who filled in a profile without an account): role ('mentor' | 'mentee'),
 *   confirmUrl, expiresInHours? (number)
 * - booking_request_received (to the mentor): menteeName, mentorName?, goal?, requestsUrl?
 * - booking_accepted (to the mentee): mentorName, calUrl or calLink (https://cal.com/<cal_link>), menteeName?
 * - booking_declined (to the mentee): mentorName, menteeName?, directoryUrl?
 * - booking_confirmed, booking_rescheduled, booking_reminder: recipientRole ('mentor' | 'mentee'), mentorName,
 *   menteeName, scheduledAt (ISO), timezone (the recipient's IANA zone), recipientName?, bookingsUrl?
 * - booking_canceled: recipientRole, mentorName, menteeName, scheduledAt? with timezone?, recipientName?
 * - feedback_prompt: recipientRole, otherName (or mentorName + menteeName), recipientName?, feedbackUrl?
 */
class EmailFields {
  private readonly data: EmailData;
  private readonly appUrl: string;
  readonly locale: EmailLocale;

  constructor(data: EmailData, appUrl: string, locale: EmailLocale) {
    this.data = data;
    this.appUrl = appUrl;
    this.locale = locale;
  }

  text(key: string): string {
    const value = this.optional(key);
    if (value === undefined) throw new InvalidEmailDataError(`Missing data.${key}`);
    return value;
  }

  optional(key: string): string | undefined {
    const value = this.data[key];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  }

  /** The URL in data[key] when it is under APP_URL, else APP_URL + fallbackPath (when one is given). */
  appLink(key: string, fallbackPath?: string): string {
    const base = this.appUrl.replace(/\/+$/, '');
    const given = this.optional(key);
    if (given === undefined) {
      if (fallbackPath === undefined) throw new InvalidEmailDataError(`Missing data.${key}`);
      return `${base}${fallbackPath}`;
    }
    if (!isUnder(given, base)) throw new InvalidEmailDataError(`data.${key} is not a link under APP_URL`);
    return given;
  }

  role(): 'mentor' | 'mentee' {
    const role = this.text('recipientRole');
    if (role !== 'mentor' && role !== 'mentee') throw new InvalidEmailDataError('data.recipientRole is invalid');
    return role;
  }

  /** The other participant's name, seen from the recipient. */
  otherName(): string {
    return this.optional('otherName') ?? this.text(this.role() === 'mentor' ? 'menteeName' : 'mentorName');
  }

  bookingsLink(key = 'bookingsUrl'): string {
    return this.appLink(key, this.role() === 'mentor' ? '/mentor-portal' : '/my-bookings');
  }

  calComLink(): string {
    const given = this.optional('calUrl') ?? this.text('calLink');
    const path = given
      .replace(/^https:\/\/(www\.)?cal\.com\//, '')
      .split('/')
      .filter(Boolean)
      .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
      .join('/');
    if (!path || /^[a-z]+:/i.test(path)) throw new InvalidEmailDataError('The Cal.com link is invalid');
    return `https://cal.com/${path}`;
  }

  sessionTime(): string {
    try {
      return formatSessionTime(this.text('scheduledAt'), this.text('timezone'), this.locale);
    } catch (error) {
      if (error instanceof RangeError) throw new InvalidEmailDataError(error.message);
      throw error;
    }
  }

  optionalSessionTime(): string | undefined {
    return this.optional('scheduledAt') && this.optional('timezone') ? this.sessionTime() : undefined;
  }

  greeting(): string {
    const name = this.optional('recipientName');
    if (this.locale === 'ar') return name ? `مرحباً ${name}،` : 'مرحباً،';
    return name ? `Hello ${name},` : 'Hello,';
  }
}

function isUnder(link: string, base: string): boolean {
  try {
    const url = new URL(link);
    const root = new URL(base);
    return url.origin === root.origin && (url.protocol === 'https:' || url.protocol === 'http:');
  } catch {
    return false;
  }
}

type Template = (fields: EmailFields) => EmailCopy;

const en = (f: EmailFields) => ({ greeting: f.greeting(), signOff: EN_SIGN_OFF });
const ar = (f: EmailFields) => ({ greeting: f.greeting(), signOff: AR_SIGN_OFF });

const EN_SIGN_OFF = 'The MentorConnect team';
const AR_SIGN_OFF = 'فريق MentorConnect';

const TEMPLATES: Record<EmailTemplateName, Template> = {
  password_reset: (f) => {
    const minutes = f.text('expiresInMinutes');
    const url = f.appLink('resetUrl');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: 'إعادة تعيين كلمة المرور',
          paragraphs: [
            'تلقّينا طلباً لإعادة تعيين كلمة مرور حسابك في MentorConnect.',
            `الرابط صالح لمدة ${minutes} دقيقة ويُستخدم مرة واحدة. إذا لم تطلب ذلك فتجاهل هذه الرسالة.`,
          ],
          action: { label: 'إعادة تعيين كلمة المرور', url },
        }
      : {
          ...en(f),
          subject: 'Reset your MentorConnect password',
          paragraphs: [
            'We received a request to reset the password of your MentorConnect account.',
            `The link works once and expires in ${minutes} minutes. If you did not ask for this, ignore this email.`,
          ],
          action: { label: 'Reset password', url },
        };
  },

  email_verification: (f) => {
    const url = f.appLink('verifyUrl');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: 'تأكيد بريدك الإلكتروني',
          paragraphs: [
            'يُرجى تأكيد عنوان بريدك الإلكتروني لإكمال حسابك في MentorConnect.',
            'إذا لم تُنشئ هذا الحساب، فلا تضغط على الرابط وتجاهل هذه الرسالة.',
          ],
          action: { label: 'تأكيد البريد الإلكتروني', url },
        }
      : {
          ...en(f),
          subject: 'Confirm your email address',
          paragraphs: [
            'Please confirm your email address to finish setting up your MentorConnect account.',
            // Confirming someone else's signup hands them this address (docs/security.md, "What remains").
            'If you did not create this account, do not click the link: ignore this email.',
          ],
          action: { label: 'Confirm email', url },
        };
  },

  booking_request_confirmation: (f) => {
    const mentor = f.text('mentorName');
    const url = f.appLink('confirmUrl');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `أكّد طلب الجلسة مع ${mentor}`,
          paragraphs: [
            `طُلبت جلسة إرشاد مع ${mentor} باستخدام هذا البريد الإلكتروني.`,
            'أكّد الطلب ليصل إلى المرشد. إذا لم تطلب ذلك فتجاهل هذه الرسالة.',
          ],
          action: { label: 'تأكيد الطلب', url },
        }
      : {
          ...en(f),
          subject: `Confirm your session request with ${mentor}`,
          paragraphs: [
            `Someone requested a mentoring session with ${mentor} using this email address.`,
            'Confirm the request so it reaches the mentor. If it was not you, ignore this email.',
          ],
          action: { label: 'Confirm request', url },
        };
  },

  booking_request_held: (f) => {
    const mentor = f.text('mentorName');
    const url = f.appLink('verifyUrl');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `طلبك إلى ${mentor} بانتظار تأكيد بريدك الإلكتروني`,
          paragraphs: [
            `لم يُرسل طلب الجلسة إلى ${mentor} بعد: يصل إليه بمجرد تأكيد عنوان بريدك الإلكتروني.`,
            'اضغط الزر أدناه لتأكيد عنوانك وإرسال الطلب. هذا هو الرابط الوحيد الصالح، ويحلّ محل أي رابط سابق.',
          ],
          action: { label: 'تأكيد البريد وإرسال الطلب', url },
        }
      : {
          ...en(f),
          subject: `Your request to ${mentor} is waiting for your email confirmation`,
          paragraphs: [
            `Your session request has not reached ${mentor} yet: it is sent the moment you confirm your email address.`,
            'Use the button below to confirm it and send the request. This is the only valid link; it replaces any earlier one.',
          ],
          action: { label: 'Confirm email and send request', url },
        };
  },

  profile_confirmation: (f) => {
    const mentor = f.text('role') === 'mentor';
    const url = f.appLink('confirmUrl');
    const hours = f.optional('expiresInHours') ?? '48';
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: mentor ? 'أكّد ملفك كمرشد في MentorConnect' : 'أكّد ملفك كمتدرب في MentorConnect',
          paragraphs: [
            'أُنشئ ملف شخصي في MentorConnect بهذا البريد الإلكتروني، ولن يظهر لأحد قبل تأكيده.',
            `الرابط صالح لمدة ${hours} ساعة ويُستخدم مرة واحدة. إذا لم تفعل ذلك فتجاهل هذه الرسالة وسيُحذف الملف.`,
          ],
          action: { label: 'تأكيد الملف الشخصي', url },
        }
      : {
          ...en(f),
          subject: mentor ? 'Confirm your MentorConnect mentor profile' : 'Confirm your MentorConnect mentee profile',
          paragraphs: [
            'A MentorConnect profile was created with this email address. Nobody sees it until you confirm it.',
            `The link works once and expires in ${hours} hours. If it was not you, ignore this email and the profile is deleted.`,
          ],
          action: { label: 'Confirm profile', url },
        };
  },

  booking_request_received: (f) => {
    const mentee = f.text('menteeName');
    const goal = f.optional('goal');
    const url = f.appLink('requestsUrl', '/mentor-portal');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `طلب جلسة جديد من ${mentee}`,
          paragraphs: [
            `أرسل ${mentee} طلب جلسة إرشاد.`,
            ...(goal ? [`الهدف: ${goal}`] : []),
            'يمكنك قبول الطلب أو رفضه من بوابة المرشد.',
          ],
          action: { label: 'عرض الطلب', url },
        }
      : {
          ...en(f),
          subject: `New session request from ${mentee}`,
          paragraphs: [
            `${mentee} has asked you for a mentoring session.`,
            ...(goal ? [`Their goal: ${goal}`] : []),
            'You can accept or decline it in your mentor portal.',
          ],
          action: { label: 'View request', url },
        };
  },

  booking_accepted: (f) => {
    const mentor = f.text('mentorName');
    // A mentor without a Cal.com link: the mentee's dashboard is the next best place.
    const url =
      f.optional('calUrl') || f.optional('calLink') ? f.calComLink() : f.appLink('dashboardUrl', '/mentee-dashboard');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `قبل ${mentor} طلبك`,
          paragraphs: [`قبل ${mentor} طلب جلسة الإرشاد.`, 'اختر موعداً يناسبك على Cal.com.'],
          action: { label: 'حجز موعد', url },
        }
      : {
          ...en(f),
          subject: `${mentor} accepted your request`,
          paragraphs: [`${mentor} accepted your mentoring request.`, 'Pick a time that suits you on Cal.com.'],
          action: { label: 'Schedule your session', url },
        };
  },

  booking_declined: (f) => {
    const mentor = f.text('mentorName');
    const url = f.appLink('directoryUrl', '/');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: 'تحديث بشأن طلب جلستك',
          paragraphs: [`لا يستطيع ${mentor} قبول طلبك هذه المرة.`, 'يمكنك تصفح مرشدين آخرين.'],
          action: { label: 'تصفح المرشدين', url },
        }
      : {
          ...en(f),
          subject: 'An update on your session request',
          paragraphs: [`${mentor} cannot take your request this time.`, 'You are welcome to browse other mentors.'],
          action: { label: 'Browse mentors', url },
        };
  },

  booking_confirmed: (f) => {
    const other = f.otherName();
    const when = f.sessionTime();
    const url = f.bookingsLink();
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `تأكّدت جلستك مع ${other}`,
          paragraphs: [`تأكّدت جلستك مع ${other}.`, `الموعد: ${when}`],
          action: { label: 'عرض الجلسة', url },
        }
      : {
          ...en(f),
          subject: `Your session with ${other} is confirmed`,
          paragraphs: [`Your session with ${other} is confirmed.`, `When: ${when}`],
          action: { label: 'View session', url },
        };
  },

  booking_rescheduled: (f) => {
    const other = f.otherName();
    const when = f.sessionTime();
    const url = f.bookingsLink();
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `تغيّر موعد جلستك مع ${other}`,
          paragraphs: [`نُقلت جلستك مع ${other} إلى موعد جديد.`, `الموعد الجديد: ${when}`],
          action: { label: 'عرض الجلسة', url },
        }
      : {
          ...en(f),
          subject: `Your session with ${other} was rescheduled`,
          paragraphs: [`Your session with ${other} has moved.`, `New time: ${when}`],
          action: { label: 'View session', url },
        };
  },

  booking_canceled: (f) => {
    const other = f.otherName();
    const when = f.optionalSessionTime();
    const url = f.bookingsLink();
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `أُلغيت جلستك مع ${other}`,
          paragraphs: [`أُلغيت جلستك مع ${other}.`, ...(when ? [`كان موعدها: ${when}`] : [])],
          action: { label: 'عرض جلساتك', url },
        }
      : {
          ...en(f),
          subject: `Your session with ${other} was canceled`,
          paragraphs: [`Your session with ${other} was canceled.`, ...(when ? [`It was planned for ${when}.`] : [])],
          action: { label: 'View your sessions', url },
        };
  },

  booking_reminder: (f) => {
    const other = f.otherName();
    const when = f.sessionTime();
    const url = f.bookingsLink();
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `تذكير: جلستك مع ${other} غداً`,
          paragraphs: [`هذا تذكير بجلستك مع ${other}.`, `الموعد: ${when}`],
          action: { label: 'عرض الجلسة', url },
        }
      : {
          ...en(f),
          subject: `Reminder: your session with ${other} is tomorrow`,
          paragraphs: [`This is a reminder of your session with ${other}.`, `When: ${when}`],
          action: { label: 'View session', url },
        };
  },

  feedback_prompt: (f) => {
    const other = f.otherName();
    const url = f.bookingsLink('feedbackUrl');
    return f.locale === 'ar'
      ? {
          ...ar(f),
          subject: `كيف كانت جلستك مع ${other}؟`,
          paragraphs: [`انتهت جلستك مع ${other}.`, 'شاركنا تقييمك وملاحظاتك، فهي تساعد الجميع.'],
          action: { label: 'إضافة تقييم', url },
        }
      : {
          ...en(f),
          subject: `How was your session with ${other}?`,
          paragraphs: [
            `Your session with ${other} has ended.`,
            'Please rate it and leave a few words: it helps everyone.',
          ],
          action: { label: 'Leave feedback', url },
        };
  },
};

/** Subject, HTML and text of one email; throws InvalidEmailDataError when the data does not fit. */
export function renderEmail(
  template: EmailTemplateName,
  locale: EmailLocale,
  data: EmailData,
  appUrl: string,
): RenderedEmail {
  return renderLayout(TEMPLATES[template](new EmailFields(data, appUrl, locale)), locale);
}
