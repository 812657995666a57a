// A stand-in for the real client (which is not part of this repository): the same requests, made the same way.
// The browser test drives it through window.mc.

/** Every Content-Security-Policy violation on this page, for the test to read. */
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
});

/** lib/queryClient.ts apiRequest: JSON with the session cookie. */
async function apiRequest(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'include',
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A small PNG drawn on a canvas, as a person's photo would be picked from disk. */
function photo() {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 8;
  canvas.getContext('2d').fillRect(0, 0, 8, 8);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/** MentorOnboarding and MenteeRegistration: a bare relative fetch of the photo, then the profile. */
async function uploadPhoto() {
  const form = new FormData();
  form.append('file', await photo(), 'photo.png');
  const response = await fetch('/api/uploads', { method: 'POST', body: form });
  if (!response.ok) throw new Error(`upload failed: ${response.status}`);
  return (await response.json()).url;
}

/** Loads a script the way the Cal.com embed loader does: a script element appended to the head. */
function loadScript(src) {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve('loaded');
    script.onerror = () => resolve('blocked');
    document.head.append(script);
  });
}

window.mc = {
  async joinAsMentee(profile) {
    return apiRequest('POST', '/api/mentees', { ...profile, photo_url: await uploadPhoto() });
  },
  async joinAsMentor(profile) {
    return apiRequest('POST', '/api/mentors', { ...profile, photo_url: await uploadPhoto() });
  },
  signup: (account) => apiRequest('POST', '/api/auth/signup', account),
  requestSession: (request) => apiRequest('POST', '/api/bookings/request', request),
  mentors: () => apiRequest('GET', '/api/mentors'),
  /** CalEmbed: Cal.com's embed script, which opens the scheduler in a frame. */
  async openCalEmbed(calLink) {
    const outcome = await loadScript('https://app.cal.com/embed/embed.js');
    if (outcome === 'loaded') window.Cal('inline', { calLink });
    return outcome;
  },
  loadScript,
  frame(src) {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  },
};
