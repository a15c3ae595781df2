// Back means back (issue 18, item 6). On a 390 px phone page that keeps its own history state:
//   - Next adds a history entry on the same URL; the browser's Back returns to the previous
//     question with its answer, Forward goes to the next one again, and the page's own state is in
//     every entry;
//   - the widget's own Back moves the browser back with it (so the browser's Forward returns);
//   - from the result, Back goes to the last question and Forward to the result again;
//   - leaving the page and coming back (the back-forward cache) keeps the result and the answers;
//   - data-history="off": the page's history is left alone.
//   usage: node tests/e2e/history.mjs <dist-dir> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { answerAll, answerOption, CANDIDATE_ANSWERS, currentQuestion, loadQuestions, Widget } from './widget.mjs';

const [distArg, contentArg, shotDir] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('history', async ({ problems, atExit }) => {
  if (!distArg || !contentArg || !shotDir) throw new Error('usage: history.mjs <dist-dir> <content-dir> <screenshot-dir>');
  const questions = loadQuestions(contentArg);
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  // Playwright turns the back-forward cache off by default; a visitor's browser has it on.
  const browser = await launch([], { ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  atExit(() => browser.close());

  async function open(history) {
    // (Leaving the page while the browser still fetches its icon aborts that request: not a fault.)
    const page = await newPage(browser, { width: 390, height: 800, problems, allow: (t) => /favicon\.svg net::ERR_ABORTED/.test(t) });
    await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
    await page.evaluate((h) => {
      history.replaceState({ page: 'own state' }, ''); // a router's, say
      window.__shows = [];
      addEventListener('pageshow', (e) => window.__shows.push(e.persisted));
      KetaScreen.mount(document.querySelector('#ketamine-check'), { content: '/content.json', locale: 'en', history: h });
    }, history);
    await waitForWidgets(page);
    const widget = new Widget(page);
    await widget.settle();
    return { page, widget };
  }
  const onScreen = async (widget) => {
    const tree = await widget.until((t) => t.some((n) => n.id === 'checklist/question' || n.id === 'outcome/title') && t,
      'a question or the result');
    const q = currentQuestion(tree, questions);
    return q ? q.id : 'result';
  };
  const waitFor = async (widget, id, what) => {
    const end = Date.now() + 15_000;
    let at;
    while ((at = await onScreen(widget)) !== id) {
      if (Date.now() > end) throw new Error(`${what}: the widget shows ${at}, expected ${id}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const answerAndNext = async (widget, id) => {
    await widget.click(answerOption(questions.find((q) => q.id === id), CANDIDATE_ANSWERS[id]).id);
    await widget.click('checklist/next');
  };
  const length = (page) => page.evaluate(() => history.length);

  // ---- Back and Forward between questions ----
  const { page, widget } = await open(undefined);
  const url = page.url(), start = await length(page);
  await answerAndNext(widget, 'age_18_plus');
  await waitFor(widget, 'qualifying_condition', 'after Next');
  await answerAndNext(widget, 'qualifying_condition');
  await waitFor(widget, 'thoughts_of_self_harm', 'after the second Next');
  expect(await length(page) === start + 2, `two Nexts added ${(await length(page)) - start} history entries, expected 2`);
  const state = await page.evaluate(() => history.state);
  expect(state && state.page === 'own state', `the page's own history state is gone: ${JSON.stringify(state)}`);
  expect(!/age|qualifying|true|yes/.test(JSON.stringify(state.ketascreen)), `the entry holds more than where the widget is: ${JSON.stringify(state)}`);

  await page.goBack();
  await waitFor(widget, 'qualifying_condition', 'after the browser\'s Back');
  expect(page.url() === url, `Back left the page for ${page.url()}`);
  expect((await widget.node('checklist/answer/yes')).checked, 'after Back the answer "Yes" is no longer chosen');
  await page.screenshot({ path: path.join(shotDir, 'history-back.png') });
  await page.goBack();
  await waitFor(widget, 'age_18_plus', 'after a second Back');
  await page.goForward();
  await waitFor(widget, 'qualifying_condition', 'after Forward');
  expect((await page.evaluate(() => history.state)).page === 'own state', 'Forward lost the page\'s own state');

  // The widget's own Back takes the browser with it: Forward then returns.
  await widget.click('checklist/back');
  await waitFor(widget, 'age_18_plus', 'after the widget\'s Back');
  await new Promise((r) => setTimeout(r, 300));
  expect(await length(page) === start + 2, `the widget's Back changed history.length to ${await length(page)} (from ${start + 2})`);
  await page.goForward();
  await waitFor(widget, 'qualifying_condition', 'Forward after the widget\'s own Back');

  // ---- the result, Back and Forward ----
  await widget.click('checklist/next');
  await answerAll(widget, questions, CANDIDATE_ANSWERS);
  await waitFor(widget, 'result', 'after the last question');
  await page.goBack();
  await waitFor(widget, 'medicines', 'Back from the result');
  await page.goForward();
  await waitFor(widget, 'result', 'Forward to the result');

  // ---- leaving the page and coming back ----
  await page.goto(`${origin}/e2e/mount.html?another-page`, { waitUntil: 'load', timeout: TIMEOUT_MS }); // another page of the site
  await page.goBack({ waitUntil: 'commit', timeout: TIMEOUT_MS });
  const shows = await page.evaluate(() => window.__shows);
  const reasons = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0].notRestoredReasons || null));
  expect(shows.includes(true), `the page was not restored from the back-forward cache (pageshow persisted: ${shows}; reasons: ${reasons})`);
  await waitFor(widget, 'result', 'after leaving the page and coming back');
  await page.screenshot({ path: path.join(shotDir, 'history-restored.png') });
  await page.evaluate(() => history.back()); // (playwright's goBack waits for a load that a restored page never fires)
  await waitFor(widget, 'medicines', 'Back after coming back to the page');
  expect((await widget.node('checklist/answer/no')).checked, 'after coming back the answer to the last question is gone');
  await page.close();

  // ---- data-history="off" ----
  const off = await open('off');
  const offStart = await length(off.page);
  await answerAndNext(off.widget, 'age_18_plus');
  await waitFor(off.widget, 'qualifying_condition', 'after Next with history off');
  await new Promise((r) => setTimeout(r, 300));
  expect(await length(off.page) === offStart, `with data-history="off" Next added ${(await length(off.page)) - offStart} entries`);
  expect((await off.page.evaluate(() => history.state)).ketascreen === undefined, 'with data-history="off" the widget wrote the page\'s state');
  await off.page.close();

  return 'Back and Forward move between questions and the result with the answers kept, the widget\'s Back moves ' +
    'the browser too, the page\'s state is kept, the back-forward cache keeps the result, and history off is off';
});
