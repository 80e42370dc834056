import { DISPLAY_NAME_MAX_LENGTH, KITCHEN_STATIONS } from '@maestro/contracts';
import { z } from 'zod';

const role = z.enum(['staff', 'admin'], { error: "role must be 'staff' or 'admin'" });
const stations = z
  .array(z.enum(KITCHEN_STATIONS, { error: `each station must be one of ${KITCHEN_STATIONS.join(', ')}` }), {
    error: 'stations must be a list',
  })
  .max(KITCHEN_STATIONS.length, { error: 'stations lists a station twice' })
  .refine((list) => new Set(list).size === list.length, { error: 'stations lists a station twice' });
const displayName = z
  .string({ error: 'displayName must be text' })
  .trim()
  .min(1, { error: 'displayName must not be empty' })
  .max(DISPLAY_NAME_MAX_LENGTH, {
    error: `displayName must be at most ${DISPLAY_NAME_MAX_LENGTH} characters`,
  });

const objectError = (example: string) => (issue: { code: string; keys?: string[] }) =>
  issue.code === 'unrecognized_keys'
    ? `unknown field(s): ${(issue.keys ?? []).join(', ')}`
    : `send a JSON object like ${example}`;

export const createMemberBody = z.strictObject(
  {
    email: z
      .string({ error: 'email must be text' })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: 'email must be an email address like ada@example.com' })),
    displayName,
    role,
    stations: stations.default([]),
  },
  { error: objectError('{"email": "ada@example.com", "displayName": "Ada", "role": "staff"}') },
);

export const updateMemberBody = z
  .strictObject(
    { role: role.optional(), disabled: z.boolean({ error: 'disabled must be true or false' }).optional(), stations: stations.optional() },
    { error: objectError('{"role": "admin"} or {"disabled": true}') },
  )
  .refine((body) => Object.keys(body).length > 0, {
    error: 'send at least one of role, disabled, stations',
  });

export const profileBody = z.strictObject(
  { displayName, role, stations },
  { error: objectError('{"displayName": "Ada", "role": "staff", "stations": []}') },
);

// Ids end up in Firestore paths (`users/{uid}`): no slash, not `.` or `..`, not `__name__`-like.
const documentId = (name: string) =>
  z
    .string()
    .min(1, { error: `${name} must not be empty` })
    .max(128, { error: `${name} is too long` })
    .refine((id) => !id.includes('/') && id !== '.' && id !== '..' && !/^__.*__$/.test(id), {
      error: `${name} is not a valid id`,
    });

export const uidParam = z.object({ uid: documentId('uid') });

export const notificationParams = uidParam.extend({ id: documentId('id') });

export const onboardedBody = z.strictObject(
  {
    correlationId: z
      .string({ error: 'correlationId must be text' })
      .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'correlationId must be 1–128 letters, digits, - or _' }),
  },
  { error: objectError('{"correlationId": "c0ffee"}') },
);
