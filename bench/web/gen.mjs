// Generates the benchmark site (bench/out/site/) from the repository, at bench time:
//   none.html, ketascreen.html, ketascreen-main.html, ketascreen-html.html, surveyjs.html,
//       lhcforms.html   the same host page (the demo clinic page, web/demo/index.html, with its own
//       scripts removed) with one variant's embed each (KetaScreen: default, data-worker="off",
//       data-render="html")
//   gen/surveyjs-init.js   SurveyJS model JSON made from our content bundle (dist/content.json,
//                          the same bytes the KetaScreen widget loads) + the render call
//   gen/lhcforms-init.js   the FHIR R4 Questionnaire from `ketascreen export-fhir` + the render call
//   variants.json          what the driver needs: URLs, the first question's text, probe kind
// Nothing here is copied from the peers: they are loaded from bench/node_modules as a clinic
// would load them from their CDN (the files their READMEs name).
//   usage: node bench/web/gen.mjs <repo-root> <ketascreen-cli>
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const LOCALE = 'en';
const TARGET = 'ketamine-check'; // the demo page's mount element, used by every variant

// SurveyJS form from our bundle's screening: one question per page like our checklist, a progress
// bar like ours, the help text as the question's description. Yes/no questions become radio
// groups (Yes first, as in our widget), so the "first option" is a real radio input in both.
export function surveyJsModel(bundle, locale = LOCALE) {
  const t = (m) => (m && (m[locale] || m.en)) || '';
  const element = (q) => {
    const base = { name: q.id, title: t(q.text), isRequired: !!q.required };
    if (q.help) base.description = t(q.help);
    if (q.show_if) base.visibleIf = condition(q.show_if);
    switch (q.kind) {
      case 'yes_no':
        return { ...base, type: 'radiogroup', choices: [{ value: true, text: 'Yes' }, { value: false, text: 'No' }] };
      case 'single_choice':
        return { ...base, type: 'radiogroup', choices: (q.options || []).map((o) => ({ value: o.id, text: t(o.label) })) };
      case 'number':
        return { ...base, type: 'text', inputType: 'number', min: q.min, max: q.max };
      default:
        throw new Error(`surveyJsModel: question ${q.id} has kind ${q.kind}, which this generator does not map`);
    }
  };
  return {
    locale,
    questionsOnPageMode: 'questionPerPage',
    showProgressBar: 'top',
    progressBarType: 'questions',
    showQuestionNumbers: 'off',
    completedHtml: `<p>${t(bundle.screening.disclaimer)}</p>`,
    pages: [{ name: 'screening', elements: bundle.screening.questions.map(element) }],
  };
}

// Our show_if conditions ({question, equals|not_equals|less_than|at_least|answered} or
// {all|any: [...]}) as a SurveyJS expression.
function condition(c) {
  if (c.all) return c.all.map((x) => `(${condition(x)})`).join(' and ');
  if (c.any) return c.any.map((x) => `(${condition(x)})`).join(' or ');
  const q = `{${c.question}}`;
  const lit = (v) => (typeof v === 'string' ? `'${v}'` : String(v));
  if ('equals' in c) return `${q} = ${lit(c.equals)}`;
  if ('not_equals' in c) return `${q} <> ${lit(c.not_equals)}`;
  if ('less_than' in c) return `${q} < ${lit(c.less_than)}`;
  if ('at_least' in c) return `${q} >= ${lit(c.at_least)}`;
  if ('answered' in c) return `${q} notempty`;
  throw new Error(`surveyJsModel: show_if ${JSON.stringify(c)} is not mapped`);
}

// The demo clinic page with `head` before </head> and `body` before </body>, its own scripts gone.
function hostPage(template, { title, head = '', body = '' }) {
  let html = template.replace(/<!--[^]*?-->\s*/g, '').replace(/<script\b[^]*?<\/script>\s*/g, '');
  html = html.replace(/href="(demo\.css|favicon\.svg)"/g, 'href="/host/$1"');
  html = html.replace(/<p class="demo-links">[^]*?<\/p>\s*/, '');
  html = html.replace(/<title>([^<]*)<\/title>/, `<title>$1 — ${title}</title>`);
  return html.replace('</head>', `${head}</head>`).replace('</body>', `${body}</body>`);
}

export function generate(root, cli) {
  const dist = path.join(root, 'dist');
  const bench = path.join(root, 'bench');
  const out = path.join(bench, 'out', 'site');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'gen'), { recursive: true });
  const template = fs.readFileSync(path.join(root, 'web', 'demo', 'index.html'), 'utf8');
  const loader = fs.readdirSync(dist).find((n) => /^ketascreen-[\d.]+\.js$/.test(n));
  if (!loader || !fs.existsSync(path.join(dist, 'content.json'))) throw new Error('dist/ is incomplete: run ./build-wasm.sh');
  const bundle = JSON.parse(fs.readFileSync(path.join(dist, 'content.json'), 'utf8'));
  const firstQuestion = bundle.screening.questions[0].text[LOCALE];
  const questions = bundle.screening.questions.length;

  // SurveyJS: its model from our bundle, inlined in its init script (the way its docs show it).
  const survey = surveyJsModel(bundle);
  fs.writeFileSync(path.join(out, 'gen', 'surveyjs-model.json'), JSON.stringify(survey, null, 2));
  fs.writeFileSync(path.join(out, 'gen', 'surveyjs-init.js'),
    `// Generated by bench/web/gen.mjs from dist/content.json.\n` +
    `(function () {\n  var model = new Survey.Model(${JSON.stringify(survey)});\n` +
    `  SurveyUI.renderSurvey(model, document.getElementById(${JSON.stringify(TARGET)}));\n})();\n`);

  // LHC-Forms: the FHIR R4 Questionnaire our CLI exports, inlined the same way.
  const fhir = execFileSync(cli, ['export-fhir', path.join(root, 'content')], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const questionnaire = JSON.parse(fhir);
  fs.writeFileSync(path.join(out, 'gen', 'questionnaire.json'), JSON.stringify(questionnaire, null, 2));
  fs.writeFileSync(path.join(out, 'gen', 'lhcforms-init.js'),
    `// Generated by bench/web/gen.mjs from \`ketascreen export-fhir content\`.\n` +
    `(function () {\n  var questionnaire = ${JSON.stringify(questionnaire)};\n` +
    `  LForms.Util.addFormToPage(questionnaire, ${JSON.stringify(TARGET)}, { fhirVersion: 'R4' });\n})();\n`);

  const lf = '/vendor/lforms/dist/lforms';
  const ksVariant = (id, name, extra) => ({
    id, name, probe: 'ketascreen', head: '',
    body: `<script src="/ks/${loader}" async data-content="/ks/content.json" data-target="#${TARGET}" ` +
      `data-locale="${LOCALE}"${extra} data-clinic-name="${bundle.clinic.name}" data-clinic-phone="${bundle.clinic.phone}"></script>\n`,
  });
  const variants = [
    { id: 'none', name: 'none (host page only)', probe: 'none', head: '', body: '' },
    // KetaScreen three ways, the same one-tag embed with one attribute changed: the default (the
    // widget renders in a worker where the browser supports it), forced onto the main thread
    // (data-worker="off"; a loader without workers ignores it) and without WebGL (data-render="html").
    ksVariant('ketascreen', 'KetaScreen', ''),
    ksVariant('ketascreen-main', 'KetaScreen, data-worker="off"', ' data-worker="off"'),
    ksVariant('ketascreen-html', 'KetaScreen, data-render="html"', ' data-render="html"'),
    {
      id: 'surveyjs', name: 'SurveyJS', probe: 'dom',
      head: '<link rel="stylesheet" href="/vendor/survey-core/survey-core.fontless.min.css">\n',
      body: '<script src="/vendor/survey-core/survey.core.min.js" defer></script>\n' +
        '<script src="/vendor/survey-js-ui/survey-js-ui.min.js" defer></script>\n' +
        '<script src="/gen/surveyjs-init.js" defer></script>\n',
    },
    {
      id: 'lhcforms', name: 'LHC-Forms', probe: 'dom',
      head: `<link rel="stylesheet" href="${lf}/webcomponent/styles.css">\n`,
      body: `<script src="${lf}/webcomponent/assets/lib/zone.min.js" defer></script>\n` +
        `<script src="${lf}/webcomponent/lhc-forms.js" defer></script>\n` +
        `<script src="${lf}/fhir/R4/lformsFHIR.min.js" defer></script>\n` +
        '<script src="/gen/lhcforms-init.js" defer></script>\n',
    },
  ];
  for (const v of variants) {
    fs.writeFileSync(path.join(out, `${v.id}.html`), hostPage(template, { title: v.name, head: v.head, body: v.body }));
    v.path = `/${v.id}.html`;
    delete v.head;
    delete v.body;
  }
  const info = { target: `#${TARGET}`, firstQuestion, questions, loader, variants };
  fs.writeFileSync(path.join(out, 'variants.json'), JSON.stringify(info, null, 2));
  return info;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [root, cli] = process.argv.slice(2);
  if (!root || !cli) {
    console.error('usage: node bench/web/gen.mjs <repo-root> <ketascreen-cli>');
    process.exit(2);
  }
  const info = generate(path.resolve(root), path.resolve(cli));
  console.log(`bench site: ${info.variants.map((v) => v.path).join(' ')} (first question: "${info.firstQuestion}")`);
}
