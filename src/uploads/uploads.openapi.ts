import { z } from 'zod';
import type { ApiRoute } from '../http/openapi/api-route';

export const uploadsApiRoutes: ApiRoute[] = [
  {
    method: 'post',
    path: '/upload/image',
    tag: 'users',
    summary: 'Upload a profile image (png, jpeg, webp or gif; at most 2 MB and 4096 px a side)',
    description: 'The one exception to the envelope: success is the image URL as a bare JSON string. Errors use the envelope.',
    auth: true,
    multipart: z.object({ image: z.string().meta({ format: 'binary' }) }),
    ok: { status: 200, description: 'The URL of the stored image', schema: z.string().describe('an absolute URL under /uploads/') },
    errors: ['RATE_LIMITED'],
  },
];
