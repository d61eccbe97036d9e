import type { Candidate } from '../db/schema.ts';
import { CANDIDATE } from './recordKinds.ts';
import { storeFor, type WithNumbers } from './recordStore.ts';

export type CandidateWithNumbers = WithNumbers<Candidate>;

/** Candidates: the one record store with the candidate's columns, search and order (recordKinds.ts). */
export const {
  create: createCandidate,
  update: updateCandidate,
  get: getCandidate,
  list: listCandidates,
} = storeFor(CANDIDATE);
