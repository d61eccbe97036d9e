import type { Transaction } from 'kysely';
import type { DB, Recording, RecordingStep } from '../../db/schema.ts';

/** A step's outcome: columns to store, the next step, and writes that must commit with them. */
export interface StepResult {
  set: Partial<Recording>;
  next: RecordingStep;
  inTx?: (trx: Transaction<DB>) => Promise<void>;
  afterCommit?: () => Promise<void>;
  audit?: { event: string; detail?: string };
}

/** A failure that no retry can mend: the recording stops with this message. */
export class PermanentFailure extends Error {}
