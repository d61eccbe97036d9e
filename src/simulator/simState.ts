import { randomBytes } from 'node:crypto';
import { webexId } from './webexIds.ts';

export interface SimPerson {
  id: string;
  emails: string[];
  displayName: string;
  firstName: string;
  lastName: string;
  orgId: string;
  phoneNumbers: { type: string; value: string }[];
  extension: string;
  /** A developer access token for this person, like Webex's personal access token. */
  accessToken: string;
  /** An organisation admin (Control Hub); the consent page offers them for "Organisation verbinden". */
  admin: boolean;
}

export interface SimWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  filter?: string;
  secret?: string;
  status: 'active' | 'inactive';
  created: string;
  orgId: string;
  createdBy: string;
  appId: string;
  ownedBy: 'creator' | 'org';
  /** Consecutive failed deliveries; Webex deactivates a webhook after too many. */
  failures: number;
}

export interface SimDelivery {
  at: string;
  webhookId: string | null;
  targetUrl: string;
  resource: string;
  event: string;
  eventType: string | null;
  callId: string | null;
  status: number | null;
  error: string | null;
  signed: boolean;
  durationMs: number;
}

export interface SimCall {
  callId: string;
  callSessionId: string;
  personId: string;
  remoteNumber: string | null;
  remoteName: string | null;
  personality: 'terminator' | 'originator';
  state: 'alerting' | 'connected' | 'disconnected';
  created: string;
  answered: string | null;
  disconnected: string | null;
}

export class SimState {
  readonly orgId = webexId('ORGANIZATION');
  readonly appId = webexId('APPLICATION');
  readonly people: SimPerson[] = [];
  readonly webhooks = new Map<string, SimWebhook>();
  readonly calls = new Map<string, SimCall>();
  readonly deliveries: SimDelivery[] = [];

  constructor(seedPeople: SeedPerson[]) {
    for (const p of seedPeople) this.addPerson(p);
  }

  addPerson(p: SeedPerson): SimPerson {
    const [firstName = p.name, ...rest] = p.name.split(' ');
    const person: SimPerson = {
      id: webexId('PEOPLE'),
      emails: [p.email],
      displayName: p.name,
      firstName,
      lastName: rest.join(' '),
      orgId: this.orgId,
      phoneNumbers: [{ type: 'work', value: p.number }],
      extension: p.extension,
      accessToken: randomBytes(32).toString('base64url'),
      admin: p.admin ?? false,
    };
    this.people.push(person);
    return person;
  }

  personByToken(token: string): SimPerson | undefined {
    return this.people.find((p) => p.accessToken === token);
  }

  recordDelivery(d: SimDelivery) {
    this.deliveries.push(d);
    // Bounded: a long demo must not grow the simulator without limit.
    if (this.deliveries.length > 5000) this.deliveries.splice(0, this.deliveries.length - 5000);
  }
}

export interface SeedPerson {
  name: string;
  email: string;
  number: string;
  extension: string;
  admin?: boolean;
}

export const DEFAULT_PEOPLE: SeedPerson[] = [
  { name: 'Milad Karimi', email: 'milad@agentur.example', number: '+49 30 1234567', extension: '201' },
  { name: 'Sabine Roth', email: 'sabine@agentur.example', number: '+49 30 1234568', extension: '202' },
  {
    name: 'Anna Admin',
    email: 'admin@agentur.example',
    number: '+49 30 1234500',
    extension: '200',
    admin: true,
  },
];
