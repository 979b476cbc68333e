// The item the Toast node returns per input item; its output schema (__schema__) is generated from this type.
import type { ToastType } from '../seatable-client';

export type ToastOutput = {
	/** Always true: a failed toast is an error, not an item. */
	sent: true;
	/** The `…@auth.local` usernames the toast was shown to. */
	to: string[];
	toastType: ToastType;
	/** The text shown. */
	message: string;
};
