import { type MediaBackend } from './media-backend.js';

/**
 * The media backend of a gateway built without one: every answer fails, so calls are
 * refused with 488 and reported as failed instead of ringing into silence.
 */
export const unavailableMedia: MediaBackend = {
  answer: () => Promise.reject(new Error('no media backend configured')),
  offer: () => Promise.reject(new Error('no media backend configured')),
};
