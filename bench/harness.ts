// Shared by the benchmarks and the soak: machine facts, statistics, a seeded random source and
// small waiting helpers. Nothing here measures anything by itself.
import os from 'node:os';

import { waitFor } from '../test/helpers/waitFor';

export interface MachineInfo {
	cpuModel: string;
	cores: number;
	nodeVersion: string;
	platform: string;
	totalMemoryMb: number;
	date: string;
}

export function machineInfo(): MachineInfo {
	const cpus = os.cpus();
	return {
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		nodeVersion: process.version,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
		date: new Date().toISOString(),
	};
}

/** Nearest-rank percentile of an ascending list (p in 0..100). */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values: number[]): number {
	return percentile([...values].sort((a, b) => a - b), 50);
}

export function mean(values: number[]): number {
	return values.length === 0 ? NaN : values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface Distribution {
	count: number;
	mean: number;
	p50: number;
	p90: number;
	p99: number;
	max: number;
}

export function distribution(values: number[]): Distribution {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		count: sorted.length,
		mean: round(mean(sorted), 3),
		p50: round(percentile(sorted, 50), 3),
		p90: round(percentile(sorted, 90), 3),
		p99: round(percentile(sorted, 99), 3),
		max: round(sorted[sorted.length - 1] ?? NaN, 3),
	};
}

export function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** mulberry32: the same seed gives the same sequence, so runs (and failures) can be repeated. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function randomBetween(random: () => number, min: number, max: number): number {
	return min + random() * (max - min);
}

export function shuffle<T>(items: T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

/** Polls a condition every `pollMs`; rejects after `timeoutMs` so no run can hang. */
export function waitUntil(condition: () => boolean, timeoutMs: number, what: string, pollMs = 10): Promise<void> {
	return waitFor(what, condition, timeoutMs, pollMs);
}

/** Runs a full garbage collection when the process was started with --expose-gc. */
export function collectGarbage(): void {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) {
		gc();
		gc();
	}
}

export function memoryMb(): { rss: number; heapUsed: number } {
	const usage = process.memoryUsage();
	return { rss: usage.rss / 1024 / 1024, heapUsed: usage.heapUsed / 1024 / 1024 };
}
