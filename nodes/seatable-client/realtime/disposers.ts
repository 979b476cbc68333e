// Everything a connection adds (listeners, timers, the socket) is undone from one list, newest first.

export class Disposers {
	private readonly pending = new Set<() => void>();
	private done = false;

	/** Registers what undoes one thing; returns a function that undoes it now (once). */
	add(dispose: () => void): () => void {
		const once = () => {
			if (!this.pending.delete(once)) return;
			dispose();
		};
		this.pending.add(once);
		if (this.done) once();
		return once;
	}

	/** A timer that is cleared with the rest, and leaves the list when it has run. */
	timeout(ms: number, run: () => void): () => void {
		const timer = setTimeout(() => {
			this.pending.delete(clear);
			run();
		}, ms);
		const clear = this.add(() => clearTimeout(timer));
		return clear;
	}

	/** Undoes everything, newest first (listeners go before the socket they listen to). */
	disposeAll(): void {
		this.done = true;
		for (const dispose of [...this.pending].reverse()) dispose();
	}
}
