import type { EmailLocale } from '../email/message.js';

/**
 * What the person who followed a link in an email is told: what happened, and where to go next. Every link
 * ends on one of these, in the reader's language.
 */
export type LinkOutcome =
  | { link: 'email_verification'; result: 'verified' | 'already_verified' | 'expired_resent' | 'invalid' }
  | { link: 'booking_confirmation'; result: 'sent' | 'already_sent'; mentorName: string }
  | { link: 'booking_confirmation'; result: 'expired'; mentorName?: string; mentorId?: string }
  | { link: 'booking_confirmation'; result: 'invalid' }
  | { link: 'profile_confirmation'; result: 'confirmed' | 'already_confirmed' | 'expired'; role: 'mentor' | 'mentee' }
  | { link: 'profile_confirmation'; result: 'invalid' };

/** The page's words; `path` is a client route under APP_URL. */
export interface PageCopy {
  title: string;
  paragraphs: string[];
  action: { label: string; path: string };
  /** 200 when the link did its work (now or before), 410 when it expired, 400 when it is unknown. */
  status: 200 | 400 | 410;
}

type Copy = Omit<PageCopy, 'status'>;
type Bilingual = Record<EmailLocale, Copy>;

const HOME = '/';
const LOGIN = '/login';
const SIGNUP = '/signup';
const registration = (role: 'mentor' | 'mentee') => (role === 'mentor' ? '/mentor-onboarding' : '/mentee-registration');

function emailVerification(result: Extract<LinkOutcome, { link: 'email_verification' }>['result']): Bilingual {
  switch (result) {
    case 'verified':
      return {
        en: {
          title: 'Your email address is confirmed',
          paragraphs: ['Thank you. Your account is complete, and any session request you sent is now with its mentor.'],
          action: { label: 'Log in', path: LOGIN },
        },
        ar: {
          title: 'تم تأكيد بريدك الإلكتروني',
          paragraphs: ['شكراً لك. اكتمل حسابك، ووصل أي طلب جلسة أرسلته إلى المرشد.'],
          action: { label: 'تسجيل الدخول', path: LOGIN },
        },
      };
    case 'already_verified':
      return {
        en: {
          title: 'This link was already used',
          paragraphs: ['Your email address is already confirmed. There is nothing more to do.'],
          action: { label: 'Log in', path: LOGIN },
        },
        ar: {
          title: 'سبق استخدام هذا الرابط',
          paragraphs: ['بريدك الإلكتروني مؤكَّد بالفعل، ولا حاجة لأي خطوة أخرى.'],
          action: { label: 'تسجيل الدخول', path: LOGIN },
        },
      };
    case 'expired_resent':
      return {
        en: {
          title: 'This link has expired',
          paragraphs: ['We have sent a new confirmation link to the same address. Please use the newest email.'],
          action: { label: 'Back to MentorConnect', path: HOME },
        },
        ar: {
          title: 'انتهت صلاحية هذا الرابط',
          paragraphs: ['أرسلنا رابط تأكيد جديداً إلى العنوان نفسه. يُرجى استخدام أحدث رسالة.'],
          action: { label: 'العودة إلى MentorConnect', path: HOME },
        },
      };
    case 'invalid':
      return {
        en: {
          title: 'This link is no longer valid',
          paragraphs: [
            'It may have been replaced by a newer email. Use the newest one, or log in and reset your password: that confirms your address too.',
          ],
          action: { label: 'Log in', path: LOGIN },
        },
        ar: {
          title: 'هذا الرابط لم يعد صالحاً',
          paragraphs: [
            'ربما استُبدل برسالة أحدث. استخدم أحدث رسالة، أو سجّل الدخول وأعد تعيين كلمة المرور، فذلك يؤكد عنوانك أيضاً.',
          ],
          action: { label: 'تسجيل الدخول', path: LOGIN },
        },
      };
  }
}

function bookingConfirmation(outcome: Extract<LinkOutcome, { link: 'booking_confirmation' }>): Bilingual {
  switch (outcome.result) {
    case 'sent':
    case 'already_sent': {
      const mentor = outcome.mentorName;
      const again = outcome.result === 'already_sent';
      return {
        en: {
          title: `Your request was sent to ${mentor}`,
          paragraphs: [
            again
              ? `You had already confirmed this request: ${mentor} has it.`
              : `Thank you for confirming. ${mentor} has your request now.`,
            'You will get an email when they answer it.',
          ],
          action: { label: 'Browse mentors', path: HOME },
        },
        ar: {
          title: `أُرسل طلبك إلى ${mentor}`,
          paragraphs: [
            again ? `سبق أن أكّدت هذا الطلب، وقد وصل إلى ${mentor}.` : `شكراً على التأكيد. وصل طلبك إلى ${mentor}.`,
            'ستصلك رسالة بالبريد الإلكتروني عندما يردّ على طلبك.',
          ],
          action: { label: 'تصفح المرشدين', path: HOME },
        },
      };
    }
    case 'expired': {
      const path = outcome.mentorId ? `/mentor/${encodeURIComponent(outcome.mentorId)}` : HOME;
      const mentor = outcome.mentorName;
      return {
        en: {
          title: 'This link has expired',
          paragraphs: [
            mentor ? `Your request to ${mentor} was not sent.` : 'Your request was not sent.',
            'Send it again: a new confirmation link will follow.',
          ],
          action: { label: 'Request again', path },
        },
        ar: {
          title: 'انتهت صلاحية هذا الرابط',
          paragraphs: [
            mentor ? `لم يُرسل طلبك إلى ${mentor}.` : 'لم يُرسل طلبك.',
            'أرسل الطلب مجدداً، وسيصلك رابط تأكيد جديد.',
          ],
          action: { label: 'إعادة الطلب', path },
        },
      };
    }
    case 'invalid':
      return {
        en: {
          title: 'This link is no longer valid',
          paragraphs: [
            'The request it confirmed no longer exists or was replaced. Send a new request from the mentor’s page.',
          ],
          action: { label: 'Browse mentors', path: HOME },
        },
        ar: {
          title: 'هذا الرابط لم يعد صالحاً',
          paragraphs: ['الطلب الذي يؤكده لم يعد موجوداً أو استُبدل. أرسل طلباً جديداً من صفحة المرشد.'],
          action: { label: 'تصفح المرشدين', path: HOME },
        },
      };
  }
}

function profileConfirmation(outcome: Extract<LinkOutcome, { link: 'profile_confirmation' }>): Bilingual {
  switch (outcome.result) {
    case 'confirmed':
    case 'already_confirmed': {
      const mentor = outcome.role === 'mentor';
      const again = outcome.result === 'already_confirmed';
      return {
        en: {
          title: again ? 'Your profile was already confirmed' : 'Your profile is confirmed',
          paragraphs: [
            mentor ? 'Mentees can now find you in the directory.' : 'You can now request sessions with mentors.',
            'To change your profile later, create an account with this same email address.',
          ],
          action: { label: 'Create your account', path: SIGNUP },
        },
        ar: {
          title: again ? 'سبق تأكيد ملفك الشخصي' : 'تم تأكيد ملفك الشخصي',
          paragraphs: [
            mentor ? 'يمكن للمتدربين الآن أن يجدوك في دليل المرشدين.' : 'يمكنك الآن طلب جلسات مع المرشدين.',
            'لتعديل ملفك لاحقاً، أنشئ حساباً بعنوان البريد الإلكتروني نفسه.',
          ],
          action: { label: 'إنشاء حساب', path: SIGNUP },
        },
      };
    }
    case 'expired':
      return {
        en: {
          title: 'This link has expired',
          paragraphs: ['Your profile was not confirmed. Please fill in the form again: a new link will follow.'],
          action: { label: 'Start again', path: registration(outcome.role) },
        },
        ar: {
          title: 'انتهت صلاحية هذا الرابط',
          paragraphs: ['لم يُؤكَّد ملفك الشخصي. يُرجى تعبئة النموذج مجدداً، وسيصلك رابط جديد.'],
          action: { label: 'البدء من جديد', path: registration(outcome.role) },
        },
      };
    case 'invalid':
      return {
        en: {
          title: 'This link is no longer valid',
          paragraphs: ['The profile it confirmed no longer exists. You can create a new one.'],
          action: { label: 'Back to MentorConnect', path: HOME },
        },
        ar: {
          title: 'هذا الرابط لم يعد صالحاً',
          paragraphs: ['الملف الشخصي الذي يؤكده لم يعد موجوداً. يمكنك إنشاء ملف جديد.'],
          action: { label: 'العودة إلى MentorConnect', path: HOME },
        },
      };
  }
}

function statusOf(outcome: LinkOutcome): PageCopy['status'] {
  if (outcome.result === 'invalid') return 400;
  return outcome.result === 'expired' || outcome.result === 'expired_resent' ? 410 : 200;
}

export function linkOutcomeCopy(outcome: LinkOutcome, locale: EmailLocale): PageCopy {
  const copy =
    outcome.link === 'email_verification'
      ? emailVerification(outcome.result)
      : outcome.link === 'booking_confirmation'
        ? bookingConfirmation(outcome)
        : profileConfirmation(outcome);
  return { ...copy[locale], status: statusOf(outcome) };
}
