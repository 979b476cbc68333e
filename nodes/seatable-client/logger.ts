/** The logging the client core needs; n8n's `this.logger` fits it, and so does `console`. */
export interface Logger {
	debug(message: string, meta?: Record<string, unknown>): void;
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
	error(message: string, meta?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};

/** The most characters of one value (a version, a server's error text) put into a log line. */
const MAX_LOGGED_VALUE = 200;
/** The most characters of a whole log line, whatever went into it. */
const MAX_LOG_LINE = 1000;

/** A value for a log line: as text, cut to `max` characters with a note of how much was left out. */
export function logValue(value: unknown, max = MAX_LOGGED_VALUE): string {
	let text: string;
	try {
		text = typeof value === 'string' ? value : String(value);
	} catch {
		text = Object.prototype.toString.call(value);
	}
	return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const bounded = new WeakSet<Logger>();

/** A logger that never writes a line longer than MAX_LOG_LINE, nor any metadata value in full. */
export function boundedLogger(logger: Logger): Logger {
	if (bounded.has(logger)) return logger;
	const wrap =
		(level: keyof Logger) =>
		(message: string, meta?: Record<string, unknown>): void => {
			const capped = meta && Object.fromEntries(Object.entries(meta).map(([key, value]) => [key, typeof value === 'string' ? logValue(value) : value]));
			logger[level](logValue(message, MAX_LOG_LINE), capped);
		};
	const result: Logger = { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
	bounded.add(result);
	return result;
}
