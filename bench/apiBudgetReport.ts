// The API-budget figures: calls to SeaTable per scenario, each against its goal (issue 17).
import type { ApiBudgetResult, BudgetOption, ScenarioCalls, StreamBudget } from './apiBudget';
import { BUDGET_OPTIONS } from './apiBudget';
import type { Figure } from './report';

const STEADY_GOALS: Record<BudgetOption, number> = { includeFullRow: 50, resolveCollaborators: 2, resolveLinks: 50 };
const BURST_GOAL = 10;

/** Everything the scenario called, activation included. */
function all(calls: ScenarioCalls): number {
	return calls.total + calls.activation;
}

function endpoints(calls: ScenarioCalls): string {
	const parts = Object.entries(calls.byEndpoint).map(([endpoint, n]) => `${endpoint} ${n}`);
	return parts.length > 0 ? parts.join(', ') : 'none';
}

function streamFigures(label: string, stream: StreamBudget, goal: (option: BudgetOption) => number): Figure[] {
	return BUDGET_OPTIONS.map((option) => {
		const calls = stream.options[option];
		const extra = all(calls) - all(stream.defaults);
		return {
			name: `API calls: ${option}, ${label}`,
			unit: 'calls',
			ours: extra,
			baseline: all(stream.defaults),
			baselineName: `the defaults on the same changes (activation ${stream.defaults.activation}, then ${endpoints(stream.defaults)}); with ${option}: activation ${calls.activation}, then ${endpoints(calls)}`,
			ratio: extra,
			ratioMeaning: 'calls the option adds (with it minus without it)',
			goal: `<= ${goal(option)}`,
			met: extra <= goal(option),
		};
	});
}

export function apiBudgetFigures(budget: ApiBudgetResult): Figure[] {
	const { idle, catchUp } = budget;
	return [
		{
			name: `API calls: idle base, per simulated day (${idle.simulatedDays} days, accelerated)`,
			unit: 'calls/day',
			ours: idle.callsPerDay,
			baseline: 5760,
			baselineName: "n8n's core SeaTable Trigger polling every minute, about 4 calls a poll (expected, not measured)",
			ratio: idle.callsAfterActivation,
			ratioMeaning: `calls in all ${idle.simulatedDays} simulated days after activation (the activation itself: ${idle.activation}, once)`,
			goal: '<= 2',
			met: idle.callsPerDay <= 2,
		},
		...streamFigures(`${budget.steady.changes} changes at 20/s`, budget.steady, (option) => STEADY_GOALS[option]),
		...streamFigures(`burst of ${budget.burst.changes} in ${Math.round(budget.burst.durationMs / 100) / 10} s`, budget.burst, () => BURST_GOAL),
		{
			name: `API calls: catch-up of ${catchUp.missed} missed changes (log honours its page size)`,
			unit: 'calls',
			ours: catchUp.honoured.calls,
			baseline: catchUp.ignored.calls,
			baselineName: `a log that ignores count/per_page (25 a page; ${catchUp.ignored.correct ? 'every change once, in order' : 'NOT correct'})`,
			ratio: Math.round((catchUp.honoured.calls / catchUp.ignored.calls) * 1000) / 1000,
			ratioMeaning: `ours / baseline (lower is better); replay ${catchUp.honoured.correct ? 'correct' : 'NOT correct'}`,
			goal: '<= 100, and correct either way',
			met: catchUp.honoured.calls <= 100 && catchUp.honoured.correct && catchUp.ignored.correct,
		},
	];
}
