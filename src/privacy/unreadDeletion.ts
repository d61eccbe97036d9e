import { rm } from 'node:fs/promises';
import type { PrivacyBlock, Recording } from '../db/schema.ts';

/**
 * The pipeline's outcome for a recording that may not be read: nothing of it is kept — not the caller's
 * number or name from the details either, only that a recording arrived and why it went unread — and
 * the next step is the deletion at Webex. Audio already on disk (an objection set after the download)
 * goes too.
 */
export function unreadDeletion(rec: Recording, block: PrivacyBlock) {
  const now = new Date().toISOString();
  const audio = rec.audio_path;
  return {
    set: {
      privacy_block: block,
      privacy_blocked_at: now,
      audio_path: null,
      transcript: null,
      details_json: null,
      remote_number: null,
    },
    next: 'delete' as const,
    audit: { event: 'blocked_unread', detail: block },
    afterCommit: async () => {
      if (audio) await rm(audio, { force: true });
    },
  };
}
