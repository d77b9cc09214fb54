// Takes the seed quiz in Microsoft 365 Agents Playground the way a person would: headless Chromium (Debian's
// /usr/bin/chromium, never a downloaded browser) types "quiz" into the chat box and clicks the cards' buttons.
// Usage: node playground-quiz.mjs <playground url> <bank.json> <wrong question numbers, comma separated> [screenshot dir]
// Prints one JSON line per step ({"step":...}) and a last line {"done":true,...}; exits non-zero on failure.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [url, bankPath, wrongList = '', shots] = process.argv.slice(2);
const bank = JSON.parse(readFileSync(bankPath, 'utf8'));
const wrong = new Set(wrongList.split(',').filter(Boolean).map(Number));
const log = (o) => console.log(JSON.stringify(o));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
page.setDefaultTimeout(20000);
try {
  await page.goto(url, { waitUntil: 'networkidle' });
  const cards = page.locator('.ac-adaptiveCard');
  // The install welcome arrives first; wait for it so counts below start from a known point.
  await cards.first().waitFor();
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.click();
  await box.pressSequentially('quiz');
  // Count before sending: the first question may be on screen before a count taken afterwards.
  let expected = await cards.count();
  await page.keyboard.press('Enter');

  for (let i = 0; i < bank.questions.length; i++) {
    const q = bank.questions[i];
    // The question arrives as a new card at the end of the chat.
    await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, expected);
    expected = await cards.count();
    const card = cards.last();
    const text = await card.innerText();
    if (!text.includes(q.text)) throw new Error(`Card ${i + 1} does not show question ${i + 1}: ${text}`);
    const choice = wrong.has(i + 1) ? (q.answer + 1) % q.choices.length : q.answer;
    // The choices are listed as text; the buttons carry their letters.
    if (!text.includes(q.choices[choice])) throw new Error(`Card ${i + 1} does not list the choice "${q.choices[choice]}": ${text}`);
    const button = card.getByRole('button', { name: String.fromCharCode(65 + choice), exact: true });
    // The letter alone means nothing to a screen reader: the button's title (its description) is the choice itself.
    const tooltip = await button.getAttribute('title');
    if (tooltip !== q.choices[choice]) throw new Error(`Button ${String.fromCharCode(65 + choice)} of card ${i + 1} has the title "${tooltip}", not the choice "${q.choices[choice]}"`);
    await button.click();
    // Action.Execute: the clicked card is replaced in place by the result; the next question follows as a new card.
    await page.waitForFunction(([n, expl]) => {
      const all = document.querySelectorAll('.ac-adaptiveCard');
      return [...all].slice(n - 1).some((c) => c.innerText.includes(expl));
    }, [expected, q.explanation.slice(0, 60)]);
    const result = await cards.nth(expected - 1).innerText();
    log({ step: 'answered', question: i + 1, chose: choice, correct: choice === q.answer, shown: result });
    if (shots && i === 0) await page.screenshot({ path: `${shots}/playground-result.png` });
  }
  await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, expected);
  const review = await cards.last().innerText();
  if (shots) await page.screenshot({ path: `${shots}/playground-review.png`, fullPage: true });
  log({ done: true, review });
} catch (e) {
  if (shots) await page.screenshot({ path: `${shots}/playground-failure.png` }).catch(() => {});
  log({ done: false, error: String(e?.stack ?? e) });
  process.exitCode = 1;
} finally {
  await browser.close();
}
