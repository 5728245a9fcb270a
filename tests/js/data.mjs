// Loads the shared case files; `readText(path)` reads a repository-relative file (fs in Node,
// fetch in the browser).
export async function loadData(readText) {
  const [formulas, planCases, planErrors, sample, scorecard, scorecardCases, gamification, gamificationTeam, teamPlan, teamReps, juneSnap, zhSnap, enSnap] = await Promise.all([
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
  ]);
  return {
    formulas: parseFormulaCases(formulas),
    planCases: jsonl(planCases),
    planErrors: jsonl(planErrors),
    sample: JSON.parse(sample),
    scorecard: JSON.parse(scorecard),
    scorecardCases: jsonl(scorecardCases),
    gamification: JSON.parse(gamification),
    gamificationTeam: JSON.parse(gamificationTeam),
    // The sample team and the native tests' snapshots of its results (tests/sample.rs), which
    // every build must reproduce exactly.
    teamPlan: JSON.parse(teamPlan),
    teamReps: JSON.parse(teamReps),
    snapshots: { teamJune: snapshot(juneSnap), repZh: snapshot(zhSnap), repEn: snapshot(enSnap) },
  };
}

/** The JSON body of an insta snapshot file (after its `---` header). */
function snapshot(text) {
  const body = text.replace(/\r\n/g, '\n').split('\n---\n').slice(1).join('\n---\n');
  return JSON.parse(body);
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
