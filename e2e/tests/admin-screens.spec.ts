/**
 * Every administrator's screen in real Chromium, on one page logged in once (the steps run in
 * order and build on each other): skills, users and roles (create, an agent's skills, change
 * role, deactivate), queues with their wallboard thresholds (a bad pair refused beside its
 * field; the values kept after a reload), not-ready reasons, business hours and holidays, the
 * VIP list and the blacklist, and the audit log showing who created the queue. Everything
 * has a fresh name; the demo agents, Sales and Support are not touched, and what can be
 * removed is removed at the end.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import { DEMO, logIn } from '../support/login';

const id = Date.now().toString(36);
const skill = `e2e-skill-${id}`;
const renamedSkill = `e2e-skill-${id}-b`;
const username = `e2e.user.${id}`;
const displayName = `E2E User ${id}`;
const queueName = `E2E queue ${id}`;
const reasonCode = `e2e-nr-${id}`;
const calendarName = `E2E hours ${id}`;
const digits = String(Date.now() % 10_000_000).padStart(7, '0');
const vipNumber = `+1998${digits}`;
const blockedNumber = `+1997${digits}`;

test.describe.serial('the administrator’s screens', () => {
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await logIn(page, '/supervisor/', DEMO.admin);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Administration' }).click();
  });
  test.afterAll(async () => {
    await page?.close();
  });

  const openPanel = async (name: string) => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('button', { name }).click();
  };
  const rowOf = (table: Locator, text: string) => table.getByRole('row').filter({ hasText: text });

  test('skills: add one and rename it', async () => {
    await openPanel('Skills');
    const create = page.getByRole('form', { name: 'New skill' });
    await create.getByLabel('New skill name').fill(skill);
    await create.getByRole('button', { name: 'Add skill' }).click();
    const form = page.getByRole('form', { name: `Skill ${skill}` });
    await form.getByLabel(`Name of skill ${skill}`).fill(renamedSkill);
    await form.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('form', { name: `Skill ${renamedSkill}` })).toBeVisible();
  });

  test('users and roles: create an agent, change their skills, make them a supervisor, deactivate them', async () => {
    await openPanel('Users and roles');
    const create = page.getByRole('form', { name: 'New user' });
    await create.getByLabel('Username').fill(username);
    await create.getByLabel('Display name').fill(displayName);
    await create.getByLabel('Role').selectOption('agent');
    await create.getByLabel('Initial password').fill('e2e-password-1');
    await create.getByLabel('Skills and levels').fill(`${renamedSkill}:4`);
    await create.getByRole('button', { name: 'Create user' }).click();

    const users = page.getByRole('table', { name: 'Users and roles' });
    const row = rowOf(users, username);
    await expect(row).toContainText(displayName);
    const skills = row.getByRole('textbox', { name: `Skills of ${username}` });
    await expect(skills).toHaveValue(`${renamedSkill}:4`);

    // The agent's skills: a level out of range is refused beside the field, then a good one is saved.
    await skills.fill(`${renamedSkill}:11`);
    await row.getByRole('button', { name: 'Save skills' }).click();
    await expect(skills).toHaveAttribute('aria-invalid', 'true');
    await skills.fill(`${renamedSkill}:9`);
    await row.getByRole('button', { name: 'Save skills' }).click();
    await expect(row.getByRole('textbox', { name: `Skills of ${username}` })).toHaveValue(`${renamedSkill}:9`);
    await expect(row.getByRole('textbox', { name: `Skills of ${username}` })).not.toHaveAttribute('aria-invalid', 'true');

    await row.getByRole('combobox', { name: `Role of ${username}` }).selectOption('supervisor');
    await expect(row.getByRole('combobox', { name: `Role of ${username}` })).toHaveValue('supervisor');
    await row.getByRole('button', { name: `Deactivate ${username}` }).click();
    await expect(row.getByRole('button', { name: `Reactivate ${username}` })).toBeVisible();
    await expect(row).toContainText('deactivated');
  });

  test('queues: create one with wallboard thresholds, refused beside the field first, kept after a reload', async () => {
    await openPanel('Queues');
    await page.getByRole('button', { name: 'New queue' }).click();
    const form = page.getByRole('form', { name: 'New queue' });
    await form.getByLabel('Queue name').fill(queueName);
    await form.getByLabel('Required skills').fill(`${renamedSkill}:2`);
    await form.getByLabel('Service level warning below (%)').fill('85');
    await form.getByLabel('Service level alert below (%)').fill('90');
    await form.getByLabel('Longest wait warning over (seconds)').fill('15');
    await form.getByLabel('Longest wait alert over (seconds)').fill('45');
    await form.getByRole('button', { name: 'Create queue' }).click();
    await expect(form.getByText('the alert level must not be above the warning level')).toBeVisible();
    await expect(form.getByLabel('Service level alert below (%)')).toHaveAttribute('aria-invalid', 'true');
    await form.getByLabel('Service level alert below (%)').fill('70');
    await form.getByRole('button', { name: 'Create queue' }).click();

    const queues = page.getByRole('table', { name: 'Queues' });
    await expect(rowOf(queues, queueName)).toContainText('SL warn < 85 %, alert < 70 %; wait warn > 15 s, alert > 45 s');
    await expect(rowOf(queues, queueName)).toContainText(`${renamedSkill} ≥ 2`);

    // After a reload, the form shows what the server kept; emptying a box means none.
    await page.reload();
    await openPanel('Queues');
    await page.getByRole('button', { name: `Edit queue ${queueName}` }).click();
    const edit = page.getByRole('form', { name: `Queue ${queueName}` });
    await expect(edit.getByLabel('Service level warning below (%)')).toHaveValue('85');
    await expect(edit.getByLabel('Service level alert below (%)')).toHaveValue('70');
    await expect(edit.getByLabel('Longest wait warning over (seconds)')).toHaveValue('15');
    await expect(edit.getByLabel('Longest wait alert over (seconds)')).toHaveValue('45');
    await edit.getByLabel('Longest wait alert over (seconds)').fill('');
    await edit.getByRole('button', { name: 'Save queue' }).click();
    await expect(rowOf(page.getByRole('table', { name: 'Queues' }), queueName)).toContainText('SL warn < 85 %, alert < 70 %; wait warn > 15 s');
    await expect(rowOf(page.getByRole('table', { name: 'Queues' }), queueName)).not.toContainText('alert > 45 s');

    // The wallboard lists the new queue at once.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Wallboard' }).click();
    await expect(page.getByRole('rowheader', { name: new RegExp(queueName) })).toBeVisible();
  });

  test('not-ready reasons: add, relabel, retire, remove', async () => {
    await openPanel('Reasons and dispositions');
    const create = page.getByRole('form', { name: 'New reason' });
    await create.getByLabel('Code of the new reason').fill(reasonCode);
    await create.getByLabel('Label of the new reason').fill('E2E coffee');
    await create.getByRole('button', { name: 'Add reason' }).click();
    const reasons = page.getByRole('table', { name: 'Not-ready reasons' });
    const row = rowOf(reasons, reasonCode);
    await expect(row).toContainText('active');
    await row.getByRole('textbox', { name: `Label of ${reasonCode}` }).fill('E2E tea');
    await row.getByRole('button', { name: 'Save label' }).click();
    await expect(row.getByRole('textbox', { name: `Label of ${reasonCode}` })).toHaveValue('E2E tea');
    await row.getByRole('button', { name: `Retire ${reasonCode}` }).click();
    await expect(row).toContainText('retired');
    await row.getByRole('button', { name: `Remove ${reasonCode}` }).click();
    await expect(rowOf(reasons, reasonCode)).toHaveCount(0);
  });

  test('business hours and holidays: create a calendar, add a holiday, remove it', async () => {
    await openPanel('Business hours');
    await page.getByRole('button', { name: 'New calendar' }).click();
    const form = page.getByRole('form', { name: 'New calendar' });
    await form.getByLabel('Calendar name').fill(calendarName);
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByLabel('Monday hours').fill('08:00-12:00, 13:00-18:00');
    await form.getByLabel('Holidays').fill('2030-12-25 Christmas');
    await form.getByRole('button', { name: 'Create calendar' }).click();
    const calendars = page.getByRole('table', { name: 'Business hours and holidays' });
    const row = rowOf(calendars, calendarName);
    await expect(row).toContainText('Europe/Berlin');
    await expect(row).toContainText('mon 08:00-12:00, 13:00-18:00');
    await expect(row).toContainText('2030-12-25');

    await page.getByRole('button', { name: `Edit calendar ${calendarName}` }).click();
    const edit = page.getByRole('form', { name: `Calendar ${calendarName}` });
    await edit.getByLabel('Holidays').fill('2030-12-25 Christmas\n01-01 New Year');
    await edit.getByRole('button', { name: 'Save calendar' }).click();
    await expect(row).toContainText('2030-12-25, 01-01');

    await page.getByRole('button', { name: `Remove calendar ${calendarName}` }).click();
    await expect(rowOf(calendars, calendarName)).toHaveCount(0);
  });

  test('VIP list and blacklist: a bad number is refused, two are added and taken off', async () => {
    await openPanel('VIP list and blacklist');
    const form = page.getByRole('form', { name: 'Add a number' });
    await form.getByLabel('Number').fill('call me');
    await form.getByRole('button', { name: 'Add number' }).click();
    await expect(form.getByText(/a number is 3–20 digits/)).toBeVisible();

    await form.getByLabel('List').selectOption('vip');
    await form.getByLabel('Number').fill(vipNumber);
    await form.getByLabel('Note').fill('E2E VIP');
    await form.getByRole('button', { name: 'Add number' }).click();
    const lists = page.getByRole('table', { name: 'VIP list and blacklist' });
    await expect(rowOf(lists, vipNumber)).toContainText('VIP list');

    await form.getByLabel('List').selectOption('blacklist');
    await form.getByLabel('Number').fill(blockedNumber);
    await form.getByRole('button', { name: 'Add number' }).click();
    await expect(rowOf(lists, blockedNumber)).toContainText('Blacklist');

    await page.getByRole('button', { name: `Remove ${vipNumber} from the VIP list` }).click();
    await page.getByRole('button', { name: `Remove ${blockedNumber} from the Blacklist` }).click();
    await expect(rowOf(lists, vipNumber)).toHaveCount(0);
    await expect(rowOf(lists, blockedNumber)).toHaveCount(0);
  });

  test('the audit log names who created the queue and what changed in its thresholds', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }).click();
    const search = page.getByRole('form', { name: 'Search the audit log' });
    await search.getByLabel('Action').selectOption({ label: 'Queues (all)' });
    await search.getByLabel('Who').selectOption({ label: 'Ada Admin (admin, admin)' });
    await search.getByRole('button', { name: 'Search' }).click();
    const entries = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Whom' }) });
    const created = entries.getByRole('row').filter({ hasText: 'Created a queue' }).filter({ hasText: `queue ${queueName}` });
    await expect(created).toContainText('Ada Admin');
    const changed = entries.getByRole('row').filter({ hasText: 'Changed a queue' }).filter({ hasText: `queue ${queueName}` });
    await expect(changed.first()).toContainText('longest wait alert seconds none');
    // Nothing else than queues is listed.
    await expect(entries.getByRole('row').filter({ hasText: 'Logged in' })).toHaveCount(0);

    // A time range that ended before the test began finds none of it.
    await search.getByLabel('To').fill('2020-01-01T00:00');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('No entry matches these filters.')).toBeVisible();
  });

  test('clean-up: the queue and the skill are removed', async () => {
    await openPanel('Queues');
    await page.getByRole('button', { name: `Remove queue ${queueName}` }).click();
    await expect(rowOf(page.getByRole('table', { name: 'Queues' }), queueName)).toHaveCount(0);
    await openPanel('Skills');
    await page.getByRole('button', { name: `Remove skill ${renamedSkill}` }).click();
    await expect(page.getByRole('form', { name: `Skill ${renamedSkill}` })).toHaveCount(0);
  });
});
