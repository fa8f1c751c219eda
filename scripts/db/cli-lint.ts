// Reads `supabase db lint -o json` (plpgsql_check over the project's functions) on stdin and
// fails on any error but the known false positives listed here: plpgsql_check checks a function
// without running it, so a temp table the function creates itself does not exist for it.
import { readFileSync } from 'node:fs';

const FALSE_POSITIVES: Record<string, string> = {
	'app.create_campaign': 'campaign_plan_blocks',
	'app.record_visits': 'campaign_visit_batch',
	'app.import_commit_grids': 'import_staged_grids',
	'app.import_commit_households': 'import_claimed_grids'
};

interface Report {
	function: string;
	issues: { level: string; message: string }[];
}

const input = readFileSync(0, 'utf8').trim();
const reports = (input ? JSON.parse(input) : []) as Report[];
let open = 0;
for (const r of reports)
	for (const issue of r.issues) {
		const temp = FALSE_POSITIVES[r.function];
		const known =
			temp !== undefined && /^relation "(pg_temp\.)?(\w+)" does not exist$/.exec(issue.message)?.[2] === temp;
		if (!known) open++;
		console.log(`${known ? 'known (temp table)' : issue.level} ${r.function}: ${issue.message}`);
	}
console.log(`${open} finding(s) from supabase db lint`);
process.exit(open ? 1 : 0);
