import type { CandidateInput, LeadInput } from '../crm/recordInput.ts';

/** A small, obviously fictitious team and CRM for trying CallBridge out. */
export const DEMO_LEADS: LeadInput[] = [
  {
    company: 'ACME GmbH',
    contactPerson: 'Petra Schulz',
    email: 'p.schulz@acme.example',
    city: 'Berlin',
    notes: 'Sucht 2 Java-Entwickler:innen, Start Q1.',
    phones: ['+49 30 123456'],
  },
  {
    company: 'Nordlicht Logistik AG',
    contactPerson: 'Jan Hansen',
    email: null,
    city: 'Hamburg',
    notes: 'Disponenten gesucht.',
    phones: ['040 7654321', '0171 5550101'],
  },
  {
    company: 'Brandt & Söhne KG',
    contactPerson: 'Maria Brandt',
    email: 'mb@brandt.example',
    city: 'Kassel',
    notes: null,
    phones: ['0561 998877'],
  },
];

export const DEMO_CANDIDATES: CandidateInput[] = [
  {
    firstName: 'Lukas',
    lastName: 'Demir',
    email: 'lukas.demir@mail.example',
    position: 'Senior Java-Entwickler',
    status: 'in_kontakt',
    city: 'Hamburg',
    notes: null,
    phones: ['0151 23456789'],
  },
  {
    firstName: 'Anna',
    lastName: 'Keller',
    email: 'anna.keller@mail.example',
    position: 'Teamleiterin Buchhaltung',
    status: 'neu',
    city: 'Kassel',
    notes: null,
    phones: ['+49 (160) 111 22 33'],
  },
];

/** Numbers the simulator rings in the demo: known lead, known candidate, unknown. */
export const DEMO_CALLERS = [
  { number: '+4930123456', name: 'ACME GmbH' },
  { number: '+4915123456789' },
  { number: '+4989555123' },
  { number: '+494076543210' },
];
