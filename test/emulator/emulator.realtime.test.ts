// Socket.IO side of the emulator: handshake, join-room acks, update-dtable shape, notifications.
import { afterEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { SAMPLE_IDS, sampleBase, SeaTableEmulator } from './index';
import { authenticate, closeSockets, connect, http, Inbox, joinedSocket, joinRoom, next, nextUpdate } from './testHelpers';

let emu: SeaTableEmulator;

afterEach(async () => {
	closeSockets();
	await emu?.close();
});

describe('handshake and join-room', () => {
	it('connects on /api-gateway/socket.io, joins with an ack carrying the base version', async () => {
		emu = await SeaTableEmulator.start({ bases: [{ ...sampleBase(), version: 1234 }] });
		const { access_token: token } = await authenticate(emu);
		const connected = once(emu, 'connection');
		const socket = connect(emu);
		await next(socket, 'connect');
		const [serverId] = await connected;
		expect(serverId).toBe(socket.id);
		expect(emu.socketCount()).toBe(1);
		const joined = once(emu, 'join');
		const ack = await joinRoom(socket, emu.uuid, token);
		expect(ack).toEqual({ status: 1, message: 'Joined successfully', dtable_version: 1234 });
		expect(await joined).toEqual([socket.id, emu.uuid]);
		expect(emu.joinedCount()).toBe(1);
		const updates = new Inbox(socket, 'update-dtable');
		emu.modifyRow('Tasks', SAMPLE_IDS.taskRows[0], { Done: true });
		expect((await nextUpdate(updates)).version).toBe(1235);
	});

	it('works with the default transports (long-polling, then upgrade)', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const socket = connect(emu, { transports: ['polling', 'websocket'] });
		await next(socket, 'connect');
		expect(await joinRoom(socket, emu.uuid, token)).toMatchObject({ status: 1 });
		const updates = new Inbox(socket, 'update-dtable');
		emu.applyRaw({ op_type: 'some_future_op', table_id: '0000' });
		const update = await nextUpdate(updates);
		expect(update.op).toEqual({ op_type: 'some_future_op', table_id: '0000' });
		expect(update.version).toBe(1);
		// Polling requests go through the same request log.
		expect(emu.requests.some((r) => r.path === '/api-gateway/socket.io/' && r.status === 200)).toBe(true);
	});

	it('joins a socket that sends no ack (like the Python SDK)', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const socket = connect(emu);
		await next(socket, 'connect');
		const joined = once(emu, 'join');
		socket.emit('join-room', emu.uuid, token);
		await joined;
		expect(emu.joinedCount()).toBe(1);
		const updates = new Inbox(socket, 'update-dtable');
		emu.deleteRow('Tasks', SAMPLE_IDS.taskRows[2]);
		expect((await nextUpdate(updates)).op.op_type).toBe('delete_row');
	});

	it('never answers the ack with joinAck: false, but still joins', async () => {
		emu = await SeaTableEmulator.start({ joinAck: false });
		const { access_token: token } = await authenticate(emu);
		const socket = connect(emu);
		const updates = new Inbox(socket, 'update-dtable');
		await next(socket, 'connect');
		let acked = false;
		const joined = once(emu, 'join');
		socket.emit('join-room', emu.uuid, token, () => {
			acked = true;
		});
		await joined;
		emu.applyRaw({ op_type: 'probe' });
		// An ack would have been sent before this update on the same connection.
		await nextUpdate(updates);
		expect(acked).toBe(false);
	});

	it('answers a bad token with a failure ack and keeps the socket connected', async () => {
		emu = await SeaTableEmulator.start();
		const socket = connect(emu);
		const disconnects = new Inbox(socket, 'disconnect');
		await next(socket, 'connect');
		// Like the 2020 server: any token that fails verification is reported as token_expired.
		expect(await joinRoom(socket, emu.uuid, 'garbage')).toEqual({ status: 0, error_type: 'token_expired', message: 'Token expired' });
		const otherBaseToken = emu.issueBaseToken();
		expect(await joinRoom(socket, '00000000-0000-4000-8000-000000000000', otherBaseToken)).toEqual({
			status: 0,
			error_type: 'permission_denied',
			message: 'Permission denied',
		});
		expect(socket.connected).toBe(true);
		expect(emu.joinedCount()).toBe(0);
		// Still usable: a good token joins on the same connection.
		const { access_token: token } = await authenticate(emu);
		expect(await joinRoom(socket, emu.uuid, token)).toMatchObject({ status: 1 });
		expect(disconnects.pending).toBe(0);
	});

	it('acks a second join from the same socket without duplicating membership', async () => {
		emu = await SeaTableEmulator.start();
		const { socket, token, updates } = await joinedSocket(emu);
		expect(await joinRoom(socket, emu.uuid, token)).toMatchObject({ status: 1, message: 'Joined successfully' });
		expect(emu.joinedCount()).toBe(1);
		emu.applyRaw({ op_type: 'a' });
		emu.applyRaw({ op_type: 'b' });
		expect((await nextUpdate(updates)).op.op_type).toBe('a');
		expect((await nextUpdate(updates)).op.op_type).toBe('b');
	});

	it('leave-room stops updates for that socket', async () => {
		emu = await SeaTableEmulator.start();
		const first = await joinedSocket(emu);
		const second = await joinedSocket(emu);
		expect(emu.joinedCount()).toBe(2);
		first.socket.emit('leave-room');
		// Round trip on the same socket so the leave has been processed.
		expect(await joinRoom(first.socket, emu.uuid, 'garbage')).toMatchObject({ status: 0 });
		expect(emu.joinedCount()).toBe(1);
		emu.applyRaw({ op_type: 'after_leave' });
		expect((await nextUpdate(second.updates)).op.op_type).toBe('after_leave');
		// Another round trip: an update sent to `first` would have arrived before this ack.
		await joinRoom(first.socket, emu.uuid, 'garbage');
		expect(first.updates.pending).toBe(0);
	});

	it('disconnects a handshake without dtable_uuid', async () => {
		emu = await SeaTableEmulator.start();
		const socket = connect(emu, { uuid: null, reconnection: false });
		const [reason] = await next<[string]>(socket, 'disconnect');
		expect(reason).toBe('io server disconnect');
	});

	it('serves the socket at /socket.io in legacy mode and refuses the gateway path', async () => {
		emu = await SeaTableEmulator.start({ useApiGateway: false });
		const wrong = connect(emu, { path: '/api-gateway/socket.io', reconnection: false });
		const [error] = await next<[Error]>(wrong, 'connect_error');
		expect(error).toBeInstanceOf(Error);
		const { socket, updates } = await joinedSocket(emu);
		expect(socket.connected).toBe(true);
		emu.applyRaw({ op_type: 'legacy' });
		expect((await nextUpdate(updates)).op.op_type).toBe('legacy');
	});

	it('refuses the legacy /socket.io path in gateway mode', async () => {
		emu = await SeaTableEmulator.start();
		const wrong = connect(emu, { path: '/socket.io', reconnection: false });
		await next(wrong, 'connect_error');
		expect(wrong.connected).toBe(false);
		expect(emu.socketCount()).toBe(0);
	});

	it('sends updates only to the room of the changed base', async () => {
		const other = { ...sampleBase(), uuid: '11111111-2222-4333-8444-555555555555', apiToken: 'b'.repeat(40) };
		emu = await SeaTableEmulator.start({ bases: [sampleBase(), other] });
		const mine = await joinedSocket(emu);
		const otherToken = (await authenticate(emu, '', 'Token', other.apiToken)).access_token;
		const otherSocket = connect(emu, { uuid: other.uuid });
		const otherUpdates = new Inbox(otherSocket, 'update-dtable');
		await next(otherSocket, 'connect');
		expect(await joinRoom(otherSocket, other.uuid, otherToken)).toMatchObject({ status: 1 });
		emu.applyRaw({ op_type: 'for_other' }, { uuid: other.uuid });
		emu.applyRaw({ op_type: 'for_first' });
		expect((await nextUpdate(otherUpdates)).op.op_type).toBe('for_other');
		expect((await nextUpdate(mine.updates)).op.op_type).toBe('for_first');
		emu.applyRaw({ op_type: 'for_other_again' }, { uuid: other.uuid });
		expect((await nextUpdate(otherUpdates)).op.op_type).toBe('for_other_again');
		expect(emu.base(other.uuid).version).toBe(2);
		expect(emu.base().version).toBe(1);
	});
});

describe('new-notification', () => {
	const notification = {
		id: 200,
		username: sampleBase().collaborators[1].email,
		dtable_uuid: SAMPLE_IDS.uuid,
		created_at: '2021-02-25T10:38:14.000Z',
		msg_type: 'row_comment',
		detail: { table_id: '0000', row_id: SAMPLE_IDS.taskRows[0], comment: 'Did you see this?' },
	};

	it('emits one JSON string argument by default', async () => {
		emu = await SeaTableEmulator.start();
		const { socket } = await joinedSocket(emu);
		const inbox = new Inbox(socket, 'new-notification');
		expect(emu.sendNotification(notification)).toBe(1);
		const args = await inbox.next();
		expect(args).toHaveLength(1);
		expect(typeof args[0]).toBe('string');
		expect(JSON.parse(args[0] as string)).toEqual(notification);
	});

	it('adds a second numeric argument with notificationSecondArg', async () => {
		emu = await SeaTableEmulator.start({ notificationSecondArg: true });
		const { socket } = await joinedSocket(emu);
		const inbox = new Inbox(socket, 'new-notification');
		emu.sendNotification(notification);
		emu.sendNotification(notification);
		const first = await inbox.next();
		const second = await inbox.next();
		expect(first).toHaveLength(2);
		expect(typeof first[0]).toBe('string');
		expect(typeof first[1]).toBe('number');
		expect(second[1]).toBe((first[1] as number) + 1);
	});

	it('delivers toUser notifications only to sockets whose JWT username matches', async () => {
		emu = await SeaTableEmulator.start();
		const ben = sampleBase().collaborators[1].email;
		const apiSocket = await joinedSocket(emu); // API-token JWT: username ''
		const apiInbox = new Inbox(apiSocket.socket, 'new-notification');
		const userSocket = connect(emu);
		const userInbox = new Inbox(userSocket, 'new-notification');
		await next(userSocket, 'connect');
		expect(await joinRoom(userSocket, emu.uuid, emu.issueBaseToken({ username: ben }))).toMatchObject({ status: 1 });
		expect(emu.sendNotification({ ...notification, id: 1 }, { toUser: ben })).toBe(1);
		expect(emu.sendNotification({ ...notification, id: 2 })).toBe(2);
		expect(JSON.parse((await userInbox.next())[0] as string).id).toBe(1);
		expect(JSON.parse((await userInbox.next())[0] as string).id).toBe(2);
		// The API socket's first notification is the broadcast one: the targeted one never reached it.
		expect(JSON.parse((await apiInbox.next())[0] as string).id).toBe(2);
	});
});

describe('ui-toast', () => {
	it("after a toast, that user's sockets get ui-toast with one JSON string, as SeaTable's browser does", async () => {
		emu = await SeaTableEmulator.start();
		const [anna, ben] = emu.base().collaborators.map((c) => c.email);
		const join = async (username: string) => {
			const socket = connect(emu);
			const toasts = new Inbox(socket, 'ui-toast');
			await next(socket, 'connect');
			const ack = await joinRoom(socket, emu.uuid, emu.issueBaseToken({ username }));
			expect(ack.status).toBe(1);
			return toasts;
		};
		const forBen = await join(ben);
		const forAnna = await join(anna);
		const { access_token: token } = await authenticate(emu);
		const body = JSON.stringify({ to_user: ben, toast_type: 'success', detail: { msg: 'Row done' } });
		const res = await http(`${emu.url}/api-gateway/api/v2/dtables/${emu.uuid}/ui-toasts/`, {
			method: 'POST',
			headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
			body,
		});
		expect(res.status).toBe(200);
		const args = await forBen.next();
		expect(args).toHaveLength(1);
		expect(JSON.parse(args[0] as string)).toEqual({ to_user: ben, toast_type: 'success', detail: { msg: 'Row done' } });
		expect(forAnna.pending).toBe(0);
	});
});
