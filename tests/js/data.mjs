// Loads the shared case files; `readText(path)` reads a repository-relative file (fs in Node,
// fetch in the browser).
export async function loadData(readText) {
  const [formulas, planCases, planErrors, sample, scorecard, scorecardCases, gamification, gamificationTeam, teamPlan, teamReps, juneSnap, zhSnap, enSnap, incentiveHand, incentiveHand2, badInputs, previewPlan, previewTeam, previewDrafts] = await Promise.all([
    readText('tests/data/formulas.tsv'),
    readText('tests/data/plan_cases.jsonl'),
    readText('tests/data/plan_errors.jsonl'),
    readText('tests/data/plans/sample.json'),
    readText('tests/data/plans/scorecard.json'),
    readText('tests/data/scorecard_cases.jsonl'),
    readText('tests/data/plans/gamification.json'),
    readText('tests/data/gamification_team.json'),
    readText('samples/team/plan.json'),
    readText('samples/team/reps.json'),
    readText('tests/snapshots/sample__team_june.snap'),
    readText('tests/snapshots/sample__rep_explained_ZhCn.snap'),
    readText('tests/snapshots/sample__rep_explained_En.snap'),
    readText('tests/data/incentive/plan/hand.json'),
    readText('tests/data/incentive/plan/hand2.json'),
    readText('tests/data/bad_inputs.jsonl'),
    readText('tests/data/preview/plan.json'),
    readText('tests/data/preview/team.json'),
    readText('tests/data/preview/drafts.json'),
  ]);
  const targets = await loadTargets(readText);
  return {
    formulas: atLeast(490, 'tests/data/formulas.tsv', parseFormulaCases(formulas)),
    planCases: atLeast(3, 'tests/data/plan_cases.jsonl', jsonl(planCases)),
    planErrors: atLeast(78, 'tests/data/plan_errors.jsonl', jsonl(planErrors)),
    sample: JSON.parse(sample),
    scorecard: JSON.parse(scorecard),
    scorecardCases: atLeast(6, 'tests/data/scorecard_cases.jsonl', jsonl(scorecardCases)),
    gamification: JSON.parse(gamification),
    gamificationTeam: atLeast(5, 'tests/data/gamification_team.json', JSON.parse(gamificationTeam)),
    // The sample team and the native tests' snapshots of its results (tests/sample.rs), which
    // every build must reproduce exactly.
    teamPlan: JSON.parse(teamPlan),
    teamReps: atLeast(144, 'samples/team/reps.json', JSON.parse(teamReps)),
    snapshots: { teamJune: snapshot(juneSnap), repZh: snapshot(zhSnap), repEn: snapshot(enSnap) },
    // The incentive plan whose statement tests/incentive_plan.rs works out by hand.
    incentiveHand: JSON.parse(incentiveHand),
    incentiveHand2: JSON.parse(incentiveHand2),
    // Bad inputs of every kind with the code and path each gives (tests/js/hostile.mjs).
    badInputs: atLeast(150, 'tests/data/bad_inputs.jsonl', jsonl(badInputs)),
    // The five-rep team whose comparisons tests/preview.rs works out by hand.
    preview: { plan: JSON.parse(previewPlan), team: atLeast(5, 'tests/data/preview/team.json', JSON.parse(previewTeam)), drafts: JSON.parse(previewDrafts) },
    targets,
  };
}

/** The decomposition and pacing cases: tests/data/targets/ (as tests/decompose.rs and
 * tests/pace.rs read them), the samples, and the native snapshots of whole explained results. */
export const DECOMPOSE_CASES = [
  'case7_even_monthly', 'case7_seasonality', 'case8_ramp', 'case9_history', 'case10_blend', 'case11_capacity',
  'case12_seasonality', 'case13_weeks', 'case14_commitments', 'case15_seasonality_history',
];

async function loadTargets(readText) {
  const json = async (path) => JSON.parse(await readText(path));
  const snap = async (name) => snapshot(await readText(`tests/snapshots/${name}.snap`));
  const [cases, decomposeErrors, explainedSpec, decomposeSample, calendar, progress, probability, paceErrors, paceSample] = await Promise.all([
    Promise.all(DECOMPOSE_CASES.map((name) => json(`tests/data/targets/${name}.json`))),
    readText('tests/data/targets/errors.jsonl').then((t) => atLeast(34, 'tests/data/targets/errors.jsonl', jsonl(t))),
    readText('tests/data/targets/explained.json'),
    readText('samples/targets/decompose.json'),
    json('tests/data/targets/calendar.json').then((rows) => atLeast(8, 'tests/data/targets/calendar.json', rows)),
    json('tests/data/targets/progress.json').then((rows) => atLeast(5, 'tests/data/targets/progress.json', rows)),
    json('tests/data/targets/probability.json').then((rows) => atLeast(9, 'tests/data/targets/probability.json', rows)),
    json('tests/data/targets/errors.json').then((rows) => atLeast(19, 'tests/data/targets/errors.json', rows)),
    readText('samples/targets/pace.json'),
  ]);
  const [decomposeZh, decomposeEn, sampleTextZh, sampleTextEn, paceZh, paceEn] = await Promise.all([
    'decompose__decompose_explained_ZhCn', 'decompose__decompose_explained_En',
    'decompose__decompose_sample_text_ZhCn', 'decompose__decompose_sample_text_En',
    'pace__pace_explained_ZhCn', 'pace__pace_explained_En',
  ].map(snap));
  return {
    decompose: { cases, errors: decomposeErrors, explainedSpec, sampleText: decomposeSample },
    pace: { calendar, progress, probability, errors: paceErrors, sampleText: paceSample },
    // Each written by the Rust test named beside it, with the same options.
    snapshots: {
      decomposeExplained: { 'zh-CN': decomposeZh, en: decomposeEn }, // explained.json, explain + locale, exact strings
      decomposeSampleText: { 'zh-CN': sampleTextZh, en: sampleTextEn }, // the sample's text by node id
      paceExplained: { 'zh-CN': paceZh, en: paceEn }, // the pace sample, explain + locale, exact strings
    },
  };
}

/** The JSON body of an insta snapshot file (after its `---` header). */
function snapshot(text) {
  const body = text.replace(/\r\n/g, '\n').split('\n---\n').slice(1).join('\n---\n');
  return JSON.parse(body);
}

/** `rows`, if there are at least `min` of them: an emptied or cut data file fails loudly rather
 * than leaving the checks that loop over it with nothing to check. */
function atLeast(min, file, rows) {
  if (!Array.isArray(rows) || rows.length < min) {
    throw new Error(`${file}: ${Array.isArray(rows) ? rows.length : 'no'} rows read, expected at least ${min}`);
  }
  return rows;
}

function jsonl(text) {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export function parseFormulaCases(text) {
  const rows = [];
  let header = true;
  text.split('\n').forEach((line, i) => {
    if (line.startsWith('#') || !line.trim()) return;
    if (header) {
      header = false;
      return;
    }
    const [formula, values, expected] = line.split('\t');
    rows.push({ line: i + 1, formula, values: JSON.parse(values), expected });
  });
  return rows;
}
