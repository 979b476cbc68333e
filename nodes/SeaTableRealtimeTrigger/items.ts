// The items the trigger emits, as types: the code builds them and the output schemas
// (__schema__, shown in the editor before the first event) are generated from them.
export type { EventItem } from '../seatable-client/operations/types';

/** What SeaTable sends with `new-notification`, as SeaTable's dtable-server builds it. */
export type SeaTableNotification = {
	id?: number;
	/** The `…@auth.local` username of the person notified. */
	username?: string;
	dtable_uuid?: string;
	created_at?: string;
	/** e.g. `row_comment`, `notification_rule`. */
	msg_type?: string;
	/** Depends on msg_type, e.g. the row and the comment. */
	detail?: Record<string, unknown>;
	[field: string]: unknown;
};

/** One system notification of the base (event "Notification"). */
export type NotificationItem = {
	event: 'new-notification';
	notification: SeaTableNotification;
	/** ISO timestamp of when the notification reached n8n. */
	received_at: string;
};
