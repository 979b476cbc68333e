// Percentiles for printed latency figures (nearest-rank, so p99 of 100 samples is the 99th smallest).
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summary(label: string, values: number[]): string {
	const fixed = (value: number) => `${value.toFixed(0)} ms`;
	return (
		`${label}: n=${values.length} p50=${fixed(percentile(values, 50))} p90=${fixed(percentile(values, 90))} ` +
		`p99=${fixed(percentile(values, 99))} max=${fixed(Math.max(...values))}`
	);
}
