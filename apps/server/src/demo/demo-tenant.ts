import { readFileSync } from 'node:fs';
import { hashSecret } from '../auth/password-hasher.js';
import { type Prisma, type PrismaClient } from '../generated/prisma/client.js';
import { DEMO_FLOW_FILE, SUPPORT_FLOW_FILE } from '../ivr/demo-flow.js';

/**
 * The demo tenant of SPEC.md, seeded only on the embedded default outside production (the
 * caller decides). Seeded once, into an empty database; later starts leave it alone so
 * changes made in the demo survive restarts. Its IVR flows (SPEC.md: 1000 the main IVR,
 * 1001 straight to Support) are published versions like any administrator's flow.
 */
export const DEMO_LOGINS = [
  { username: 'admin', password: 'admin123!', role: 'admin', displayName: 'Ada Admin' },
  { username: 'supervisor', password: 'super123!', role: 'supervisor', displayName: 'Sam Supervisor' },
  { username: 'agent1', password: 'agent123!', role: 'agent', displayName: 'Alex Agent', extension: '2001', skills: { sales: 8, english: 9 } },
  { username: 'agent2', password: 'agent123!', role: 'agent', displayName: 'Bea Agent', extension: '2002', skills: { support: 8, english: 7 } },
  { username: 'agent3', password: 'agent123!', role: 'agent', displayName: 'Chen Agent', extension: '2003', skills: { support: 6, sales: 4, mandarin: 9 } },
  { username: 'agent4', password: 'agent123!', role: 'agent', displayName: 'Dana Agent', extension: '2004', skills: { sales: 5, support: 5, english: 8, mandarin: 5 } },
] as const;

/** The demo flows, from the contracts' known-good fixtures, published at their SPEC numbers. */
const FLOWS = [
  { name: 'main-ivr', entryNumber: '1000', file: DEMO_FLOW_FILE },
  { name: 'support-line', entryNumber: '1001', file: SUPPORT_FLOW_FILE },
] as const;

const QUEUES = [
  { name: 'Sales', skill: 'sales', strategy: 'longest_idle' },
  { name: 'Support', skill: 'support', strategy: 'longest_idle' },
] as const;

/** Numbers a tester can dial from sipp or present from the widget. */
export const DEMO_CALLERS = {
  vip: '+14155550101',
  blacklisted: '+14155550666',
} as const;

const CUSTOMERS = [
  { displayName: 'Li Wei', phoneNumber: '+8613800138000', accountNumber: '10001', pin: '1234', balanceCents: 1234567, language: 'zh' },
  { displayName: 'Alice Johnson', phoneNumber: DEMO_CALLERS.vip, accountNumber: '10002', pin: '4321', balanceCents: 25000, language: 'en', notes: 'VIP: platinum plan' },
  { displayName: 'Bob Smith', phoneNumber: '+14155550102', accountNumber: '10003', pin: '1111', balanceCents: -4210, language: 'en' },
  { displayName: 'Carmen Díaz', phoneNumber: '+14155550103', accountNumber: '10004', pin: '2468', balanceCents: 99000, language: 'en' },
];

export async function seedDemoTenant(prisma: PrismaClient): Promise<'seeded' | 'already-there'> {
  if ((await prisma.user.count()) > 0) {
    // A demo folder from before flows were stored gets them once; later starts leave flows alone.
    if ((await prisma.ivrFlow.count()) === 0) await prisma.$transaction((tx) => seedDemoFlows(tx));
    return 'already-there';
  }
  const hashes = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    if (!hashes.has(login.password)) hashes.set(login.password, await hashSecret(login.password));
  }
  const pinHashes = await Promise.all(CUSTOMERS.map((c) => hashSecret(c.pin)));

  await prisma.$transaction(async (tx) => {
    const skillIds = new Map<string, string>();
    for (const name of ['sales', 'support', 'english', 'mandarin']) {
      skillIds.set(name, (await tx.skill.create({ data: { name } })).id);
    }
    for (const login of DEMO_LOGINS) {
      const user = await tx.user.create({
        data: { username: login.username, displayName: login.displayName, role: login.role, passwordHash: hashes.get(login.password)! },
      });
      if (login.role === 'agent') {
        const agent = await tx.agent.create({ data: { userId: user.id, extension: login.extension } });
        for (const [skill, level] of Object.entries(login.skills) as [string, number][]) {
          await tx.agentSkill.create({ data: { agentId: agent.id, skillId: skillIds.get(skill)!, level } });
        }
      }
    }
    for (const queue of QUEUES) {
      await tx.queue.create({
        data: { name: queue.name, strategy: queue.strategy, skills: { create: { skillId: skillIds.get(queue.skill)!, minLevel: 1 } } },
      });
    }
    for (const [index, { pin: _pin, ...customer }] of CUSTOMERS.entries()) {
      await tx.customer.create({ data: { ...customer, pinHash: pinHashes[index]! } });
    }
    await tx.callerListEntry.createMany({
      data: [
        { kind: 'vip', number: DEMO_CALLERS.vip, note: 'Alice Johnson, platinum plan' },
        { kind: 'blacklist', number: DEMO_CALLERS.blacklisted, note: 'Abusive caller, refused by the IVR' },
      ],
    });
    await seedDemoFlows(tx);
  });
  return 'seeded';
}

async function seedDemoFlows(tx: Prisma.TransactionClient): Promise<void> {
  for (const flow of FLOWS) {
    const definition = JSON.parse(readFileSync(flow.file, 'utf8')) as Prisma.InputJsonValue;
    const created = await tx.ivrFlow.create({ data: { name: flow.name, entryNumbers: { create: { number: flow.entryNumber } } } });
    const version = await tx.ivrFlowVersion.create({ data: { flowId: created.id, version: 1, definition } });
    await tx.ivrFlow.update({ where: { id: created.id }, data: { publishedVersionId: version.id } });
  }
}
