import type { Lead } from '../db/schema.ts';
import { LEAD } from './recordKinds.ts';
import { storeFor, type WithNumbers } from './recordStore.ts';

export type LeadWithNumbers = WithNumbers<Lead>;

/** Leads: the one record store with the lead's columns, search and order (recordKinds.ts). */
export const { create: createLead, update: updateLead, get: getLead, list: listLeads } = storeFor(LEAD);
