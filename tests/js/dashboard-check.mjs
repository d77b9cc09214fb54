// Checks the QuizBot dashboard in a real browser (Debian's /usr/bin/chromium, never a downloaded one).
// Usage: node dashboard-check.mjs <checks.json>
// checks.json: { "link": "<one-time sign-in link>", "checks": [ { "name": "...", "kind": "...", ... }, ... ] }
// Kinds (add more in `kinds` below; each gets the page and its check, and returns what it saw):
//   table      { path, table }            -> { rows: [[cell, ...], ...] } of <table id=table> on the page at path
//   csv        { path }                   -> { text } fetched with the session (an attachment, so not navigated to)
//   svg        { path, selector }         -> { count } of elements matching selector inside the page's <svg> charts
//   status     { path }                   -> { status } of a GET with the session
//   post       { path, form }             -> { status } of a form POST with the session's cookies, as another site would
//   signin     { link }                   -> { status, text } of opening another link and pressing Continue
// The first step signs in with `link` (open, press Continue). Prints one JSON line per check ({"check":name,...})
// and a last line {"done":true}; exits non-zero when the browser could not do a step.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const log = (o) => console.log(JSON.stringify(o));

// Opens a sign-in link and presses Continue; returns the response the form post ended on.
export async function signIn(page, link) {
  await page.goto(link);
  const button = page.getByRole('button', { name: 'Continue' });
  if (await button.count() === 0) {
    return { status: 400, text: await page.locator('main').innerText() };
  }
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return { status: response?.status() ?? 0, url: page.url(), text: await page.locator('main').innerText() };
}

export const kinds = {
  async table(page, check, base) {
    await page.goto(new URL(check.path, base).href);
    const rows = await page.$$eval(`table#${check.table} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    return { rows };
  },
  async csv(page, check, base) {
    // With the browser's cookies but outside the page: the pages' CSP allows no script fetches, rightly.
    const response = await page.context().request.get(new URL(check.path, base).href);
    return { status: response.status(), disposition: response.headers()['content-disposition'], text: await response.text() };
  },
  async svg(page, check, base) {
    await page.goto(new URL(check.path, base).href);
    return { count: await page.locator(`svg ${check.selector}`).count() };
  },
  async status(page, check, base) {
    const response = await page.goto(new URL(check.path, base).href);
    return { status: response?.status() ?? 0 };
  },
  async post(page, check, base) {
    const response = await page.context().request.post(new URL(check.path, base).href, { form: check.form ?? {}, maxRedirects: 0 });
    return { status: response.status() };
  },
  async signin(page, check) {
    // A browser of its own: the check is about the link, not this session.
    const other = await page.context().browser().newContext();
    try {
      return await signIn(await other.newPage(), check.link);
    } finally {
      await other.close();
    }
  },
};

export async function run(config) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(20000);
    const signedIn = await signIn(page, config.link);
    log({ check: 'signin', ...signedIn });
    const base = signedIn.url ?? config.link;
    // DASHBOARD_SHOTS=<dir>: a full-page screenshot after each page check, for a person to look at.
    const shots = process.env.DASHBOARD_SHOTS;
    for (const check of config.checks) {
      const kind = kinds[check.kind];
      if (!kind) throw new Error(`Unknown check kind ${check.kind}`);
      log({ check: check.name, ...(await kind(page, check, base)) });
      if (shots && check.path && ['table', 'svg', 'status'].includes(check.kind)) {
        await page.screenshot({ path: `${shots}/${check.name}.png`, fullPage: true });
      }
    }
    log({ done: true });
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await run(JSON.parse(readFileSync(process.argv[2], 'utf8')));
  } catch (e) {
    log({ done: false, error: String(e?.stack ?? e) });
    process.exit(1);
  }
}
