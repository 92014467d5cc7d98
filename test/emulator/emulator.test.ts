import { HubspotEmulator, getSpecRegistry, seedOwners, startEmulator } from './index';

const TOKEN = 'test-token';
const CAL = '/scheduler/2026-03/meetings/calendar';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json() as Promise<any>;

function validCreateBody(
	overrides: Record<string, unknown> = {},
	propOverrides: Record<string, unknown> = {},
) {
	return {
		associations: [
			{
				to: { id: '501' },
				types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 200 }],
			},
		],
		emailReminderSchedule: {
			reminders: [{ numberOfTimeUnits: 15, timeUnit: 'MINUTES' }],
			shouldIncludeInviteDescription: true,
		},
		properties: {
			hs_meeting_title: 'Intro call',
			hs_meeting_start_time: '2030-05-01T10:00:00Z',
			hs_meeting_end_time: '2030-05-01T10:30:00Z',
			hs_timestamp: '2030-05-01T10:00:00Z',
			hs_meeting_outcome: 'SCHEDULED',
			hubspot_owner_id: '100001',
			hs_attendee_owner_ids: ['100002'],
			hs_meeting_location_type: 'PHONE',
			...propOverrides,
		},
		timezone: 'Europe/Berlin',
		...overrides,
	};
}

describe('HubspotEmulator', () => {
	let emu: HubspotEmulator;
	let base: string;

	const call = (
		path: string,
		init: RequestInit & { token?: string | null; json?: unknown } = {},
	) => {
		const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
		if (init.token !== null) headers.Authorization = `Bearer ${init.token ?? TOKEN}`;
		let body = init.body;
		if (init.json !== undefined) {
			headers['Content-Type'] = 'application/json';
			body = JSON.stringify(init.json);
		}
		return fetch(base + path, { ...init, headers, body });
	};
	const create = (json: unknown, token?: string | null, organizer = '9000001') =>
		call(`${CAL}?organizerUserId=${organizer}`, { method: 'POST', json, token });
	const last = () => emu.requests[emu.requests.length - 1];

	beforeAll(async () => {
		emu = await startEmulator();
		base = emu.baseUrl;
		emu.addAccessToken(TOKEN);
	});
	afterAll(() => emu.stop());
	afterEach(() => {
		expect(emu.responseValidationErrors).toEqual([]);
		emu.reset();
	});

	it('creates a calendar meeting: 200 with a spec-valid body', async () => {
		const res = await create(validCreateBody());
		const body = await json(res);
		expect(res.status).toBe(200);
		expect(body).toMatchObject({
			id: '90000000001',
			properties: {
				hs_meeting_title: 'Intro call',
				hs_attendee_owner_ids: ['100002'],
				hs_engagement_source: 'MEETINGS',
				hs_include_description_in_reminder: 'true',
			},
		});
		expect(body.properties.hs_meeting_external_url).toMatch(
			/^https:\/\/calendar\.google\.com\/calendar\/event\?eid=/,
		);
		expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
		expect(last().validationErrors).toEqual([]);
		expect(last().operationId).toBe('post-/scheduler/2026-03/meetings/calendar');
		const reg = getSpecRegistry();
		const op = reg.operations.find((o) => o.operationId === last().operationId)!;
		expect(reg.validateResponse(op, 200, 'application/json', body)).toEqual([]);
		expect(emu.createdMeetingCount()).toBe(1);
		expect(emu.meetings.get('90000000001').requestBody.timezone).toBe('Europe/Berlin');
		// the other versions share the handler; ids keep increasing
		const res2 = await call('/scheduler/v3/meetings/calendar?organizerUserId=9000002', {
			method: 'POST',
			json: validCreateBody(),
		});
		expect(res2.status).toBe(200);
		expect((await json(res2)).id).toBe('90000000002');
	});

	it.each([
		[
			'a missing required property',
			validCreateBody({}, { hs_meeting_title: undefined }),
			'body.properties.hs_meeting_title',
		],
		[
			'a wrong enum value',
			validCreateBody({}, { hs_meeting_location_type: 'ZOOM' }),
			'body.properties.hs_meeting_location_type',
		],
		[
			'a non-date-time start',
			validCreateBody({}, { hs_meeting_start_time: '01/05/2030 10:00' }),
			'body.properties.hs_meeting_start_time',
		],
		[
			'an unknown property',
			validCreateBody({}, { hs_meeting_titel: 'typo' }),
			'body.properties.hs_meeting_titel',
		],
		['an unknown top-level key', validCreateBody({ timeZone: 'UTC' }), 'body.timeZone'],
		[
			'a string association type id',
			validCreateBody({
				associations: [
					{
						to: { id: '1' },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: '200' }],
					},
				],
			}),
			'body.associations.0.types.0.associationTypeId',
		],
	])('rejects %s with 400 naming the field', async (_what, payload, field) => {
		const res = await create(payload);
		const body = await json(res);
		expect(res.status).toBe(400);
		expect(body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		expect(body.message).toMatch(/^Invalid input JSON: /);
		expect(body.errors.map((e: { in: string }) => e.in)).toContain(field);
		expect(last().validationErrors.some((e) => e.startsWith(`${field}:`))).toBe(true);
		expect(emu.createdMeetingCount()).toBe(0);
	});

	it('rejects a missing organizerUserId, a non-JSON content type and unknown organizers/owners', async () => {
		let res = await call(CAL, { method: 'POST', json: validCreateBody() });
		expect(res.status).toBe(400);
		expect(last().validationErrors).toEqual(['query.organizerUserId: is required but missing']);

		res = await call(`${CAL}?organizerUserId=9000001`, {
			method: 'POST',
			body: JSON.stringify(validCreateBody()),
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(res.status).toBe(400);
		expect(last().validationErrors[0]).toMatch(/^header\.content-type/);

		// owner id where a user id belongs: the classic mix-up
		res = await create(validCreateBody(), undefined, '100001');
		expect(res.status).toBe(400);
		expect((await json(res)).message).toContain(
			'Invalid organizerUserId: 100001 is not a user in this account',
		);

		res = await create(validCreateBody({}, { hubspot_owner_id: '9000001' }));
		expect((await json(res)).message).toContain('Invalid hubspot_owner_id');

		res = await create(validCreateBody({}, { hs_meeting_end_time: '2030-05-01T09:00:00Z' }));
		expect(res.status).toBe(400);

		res = await create(
			validCreateBody({
				associations: [
					{
						to: { id: '1' },
						types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
					},
				],
			}),
		);
		expect(res.status).toBe(400);
		expect(emu.createdMeetingCount()).toBe(0);
	});

	it('answers 401 for a missing, unknown or expired token', async () => {
		let res = await create(validCreateBody(), null);
		expect(res.status).toBe(401);
		expect(await json(res)).toMatchObject({ category: 'INVALID_AUTHENTICATION' });

		res = await create(validCreateBody(), 'nope');
		expect(res.status).toBe(401);

		emu.addAccessToken('short-lived');
		emu.expireAccessToken('short-lived');
		res = await create(validCreateBody(), 'short-lived');
		const body = await json(res);
		expect(res.status).toBe(401);
		expect(body.category).toBe('EXPIRED_AUTHENTICATION');
		expect(body.message).toMatch(/^The OAuth token used to make this call expired/);
	});

	it('answers 403 MISSING_SCOPES for a token without write scopes', async () => {
		emu.addAccessToken('read-only', { scopes: ['crm.objects.owners.read'] });
		const res = await create(validCreateBody(), 'read-only');
		const body = await json(res);
		expect(res.status).toBe(403);
		expect(body.category).toBe('MISSING_SCOPES');
		expect(body.context.requiredGranularScopes).toContain('crm.objects.contacts.write');
		// the same token can read owners
		expect((await call('/crm/owners/2026-03', { token: 'read-only' })).status).toBe(200);
	});

	it('pages owners with limit/after and supports email, archived and get-by-id', async () => {
		const local = await startEmulator({ owners: seedOwners(5) });
		local.addAccessToken(TOKEN);
		try {
			const seen: string[] = [];
			let url: string | undefined = `${local.baseUrl}/crm/v3/owners?limit=2`;
			let pages = 0;
			while (url) {
				const res: Response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
				expect(res.status).toBe(200);
				const body = await json(res);
				seen.push(...body.results.map((o: { id: string }) => o.id));
				pages++;
				url = body.paging?.next?.link;
				if (url) expect(body.paging.next.after).toBe(String(pages * 2));
			}
			// 5 people + 1 queue = 6 active owners; the archived one is hidden
			expect(pages).toBe(3);
			expect(seen).toEqual(['100001', '100002', '100003', '100004', '100005', '100006']);

			let res = await fetch(`${local.baseUrl}/crm/owners/2026-03?archived=true`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect((await json(res)).results.map((o: { id: string }) => o.id)).toEqual(['100007']);

			res = await fetch(`${local.baseUrl}/crm/owners/2026-03?email=grace.hopper@example.com`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect((await json(res)).results).toEqual([
				expect.objectContaining({ id: '100002', userId: 9000002, type: 'PERSON' }),
			]);

			res = await fetch(`${local.baseUrl}/crm/owners/2026-03/100006`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect(await json(res)).toMatchObject({ id: '100006', type: 'QUEUE', archived: false });

			res = await fetch(`${local.baseUrl}/crm/owners/2026-03/424242`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect(res.status).toBe(404);
			expect((await json(res)).category).toBe('OBJECT_NOT_FOUND');

			res = await fetch(`${local.baseUrl}/crm/owners/2026-03?limit=abc`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect(res.status).toBe(400);
			expect(local.responseValidationErrors).toEqual([]);
		} finally {
			await local.stop();
		}
	});

	it('serves meeting properties with their options', async () => {
		let res = await call('/crm/properties/2026-03/meetings/hs_activity_type');
		const body = await json(res);
		expect(res.status).toBe(200);
		expect(body.options).toContainEqual(
			expect.objectContaining({ value: 'LEGACY_TYPE', hidden: true }),
		);
		res = await call('/crm/v3/properties/0-47/hs_meeting_outcome');
		expect((await json(res)).options.map((o: { value: string }) => o.value)).toEqual([
			'SCHEDULED',
			'COMPLETED',
			'RESCHEDULED',
			'NO_SHOW',
			'CANCELED',
		]);
		res = await call('/crm/properties/2026-03/meetings/no_such_property');
		expect(res.status).toBe(404);
	});

	it('sends rate-limit headers and answers 429 once the window is exhausted', async () => {
		const local = await startEmulator({ rateLimit: { max: 3, intervalMs: 60000 } });
		local.addAccessToken(TOKEN);
		try {
			const get = () =>
				fetch(`${local.baseUrl}/crm/v3/owners`, { headers: { Authorization: `Bearer ${TOKEN}` } });
			const remaining: string[] = [];
			for (let i = 0; i < 3; i++) {
				const res = await get();
				expect(res.status).toBe(200);
				expect(res.headers.get('x-hubspot-ratelimit-max')).toBe('3');
				expect(res.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('60000');
				expect(res.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
				remaining.push(res.headers.get('x-hubspot-ratelimit-remaining')!);
			}
			expect(remaining).toEqual(['2', '1', '0']);
			const res = await get();
			expect(res.status).toBe(429);
			expect(res.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
			expect(await json(res)).toMatchObject({
				status: 'error',
				errorType: 'RATE_LIMIT',
				policyName: 'TEN_SECONDLY_ROLLING',
				message: 'You have reached your ten_secondly_rolling limit.',
			});
			local.reset(); // clears the window
			expect((await get()).status).toBe(200);
			expect(local.responseValidationErrors).toEqual([]);
		} finally {
			await local.stop();
		}
	});

	it('issues a working token for the refresh_token grant and rejects bad clients', async () => {
		emu.registerOAuthClient({
			clientId: 'cid',
			clientSecret: 'secret',
			refreshToken: 'rt-1',
			scopes: ['crm.objects.contacts.write', 'crm.objects.owners.read'],
		});
		const form = (fields: Record<string, string>) =>
			fetch(`${base}/oauth/2026-03/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields).toString(),
			});
		let res = await form({
			grant_type: 'refresh_token',
			client_id: 'cid',
			client_secret: 'secret',
			refresh_token: 'rt-1',
		});
		const tokenBody = await json(res);
		expect(res.status).toBe(200);
		expect(tokenBody).toMatchObject({
			refresh_token: 'rt-1',
			expires_in: 1800,
			token_type: 'bearer',
			token_use: 'access_token',
		});
		expect(emu.issuedTokens).toEqual([
			{ accessToken: tokenBody.access_token, refreshToken: 'rt-1', grantType: 'refresh_token' },
		]);

		res = await create(validCreateBody(), tokenBody.access_token);
		expect(res.status).toBe(200);
		// OAuth calls carry no daily limit headers
		expect(res.headers.get('x-hubspot-ratelimit-daily')).toBeNull();

		res = await form({
			grant_type: 'refresh_token',
			client_id: 'cid',
			client_secret: 'secret',
			refresh_token: 'wrong',
		});
		expect(res.status).toBe(400);
		expect(await json(res)).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
		res = await form({
			grant_type: 'refresh_token',
			client_id: 'other',
			client_secret: 'secret',
			refresh_token: 'rt-1',
		});
		expect((await json(res)).status).toBe('BAD_CLIENT_ID');
		// strict form bodies too
		res = await form({
			grant_type: 'refresh_token',
			client_id: 'cid',
			client_secret: 'secret',
			refresh_token: 'rt-1',
			clientid: 'x',
		});
		expect(res.status).toBe(400);
		// the legacy v1 URL still works
		res = await fetch(`${base}/oauth/v1/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=refresh_token&client_id=cid&client_secret=secret&refresh_token=rt-1',
		});
		expect(res.status).toBe(200);
	});

	it('exchanges an authorization code once', async () => {
		emu.registerOAuthClient({
			clientId: 'c2',
			clientSecret: 's2',
			refreshToken: 'rt-2',
			redirectUri: 'http://localhost/cb',
			authorizationCode: 'code-1',
		});
		const exchange = () =>
			fetch(`${base}/oauth/2026-03/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'authorization_code',
					client_id: 'c2',
					client_secret: 's2',
					code: 'code-1',
					redirect_uri: 'http://localhost/cb',
				}).toString(),
			});
		expect((await exchange()).status).toBe(200);
		const again = await exchange();
		expect(again.status).toBe(400);
		expect((await json(again)).status).toBe('BAD_AUTH_CODE');
	});

	it('answers an injected fault once, after validation', async () => {
		emu.injectFault({
			method: 'POST',
			path: CAL,
			status: 502,
			body: { message: 'bad gateway' },
			headers: { 'Retry-After': '1' },
		});
		let res = await create(validCreateBody());
		expect(res.status).toBe(502);
		expect(res.headers.get('retry-after')).toBe('1');
		expect(await json(res)).toEqual({ message: 'bad gateway' });
		expect(last().status).toBe(502);
		res = await create(validCreateBody());
		expect(res.status).toBe(200);

		emu.injectFault({ path: /\/owners/, status: 500, times: 2 });
		expect((await call('/crm/v3/owners')).status).toBe(500);
		expect((await call('/crm/v3/owners/100001')).status).toBe(500);
		expect((await call('/crm/v3/owners/100001')).status).toBe(200);
	});

	it('404s unknown routes, 501s unhandled spec operations and lets tests add handlers', async () => {
		let res = await call('/crm/v3/nothing-here');
		expect(res.status).toBe(404);
		res = await call('/crm/objects/2026-03/meetings');
		expect(res.status).toBe(501);
		expect((await json(res)).category).toBe('NOT_IMPLEMENTED');

		const local = new HubspotEmulator({ latencyMs: 5 });
		local.addAccessToken(TOKEN);
		local.handle('get-/scheduler/2026-03/meetings/meeting-links', () => ({
			status: 200,
			body: { results: [], total: 0 },
		}));
		expect(() => local.handle('GET /no/such/route', () => ({ status: 200 }))).toThrow(
			/no spec'd route/,
		);
		await local.start();
		try {
			res = await fetch(`${local.baseUrl}/scheduler/2026-03/meetings/meeting-links`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect(res.status).toBe(200);
			// an off-spec handler answer is caught by the self-check
			local.handle('GET /scheduler/2026-03/meetings/meeting-links', () => ({
				status: 200,
				body: { results: 'nope' },
			}));
			await fetch(`${local.baseUrl}/scheduler/2026-03/meetings/meeting-links`, {
				headers: { Authorization: `Bearer ${TOKEN}` },
			});
			expect(local.responseValidationErrors.length).toBeGreaterThan(0);
			expect(local.requests[1].validationErrors.join('\n')).toMatch(/emulator response invalid/);
		} finally {
			await local.stop();
		}
	});

	it('logs a booking through a meeting link as a CRM meeting with source MEETINGS_PUBLIC', async () => {
		const booked = await call('/scheduler/2026-03/meetings/meeting-links/book', {
			method: 'POST',
			json: {
				slug: 'grace-hopper',
				firstName: 'Alan',
				lastName: 'Turing',
				email: 'alan@bletchley.example',
				startTime: '2026-11-03T13:00:00.000Z',
				duration: 30 * 60_000,
				formFields: [],
				legalConsentResponses: [],
				likelyAvailableUserIds: ['9000002'],
			},
		});
		expect(booked.status).toBe(200);
		const { contactId } = await json(booked);
		const search = await call('/crm/objects/2026-03/meetings/search', {
			method: 'POST',
			json: {
				filterGroups: [
					{
						filters: [
							{ propertyName: 'hs_meeting_source', operator: 'EQ', value: 'MEETINGS_PUBLIC' },
						],
					},
				],
				properties: [
					'hs_meeting_title',
					'hs_meeting_start_time',
					'hubspot_owner_id',
					'hs_meeting_source',
				],
				sorts: ['hs_createdate'],
				after: '0',
				limit: 10,
			},
		});
		expect(search.status).toBe(200);
		const found = await json(search);
		expect(found.total).toBe(1);
		expect(found.results[0].properties).toMatchObject({
			hs_meeting_title: 'Intro call with Grace with Alan Turing',
			hs_meeting_start_time: '2026-11-03T13:00:00.000Z',
			hubspot_owner_id: '100002',
			hs_meeting_source: 'MEETINGS_PUBLIC',
		});
		const contacts = await call('/crm/objects/2026-03/contacts/batch/read', {
			method: 'POST',
			json: { inputs: [{ id: contactId }], properties: ['email'], propertiesWithHistory: [] },
		});
		const read = await json(contacts);
		expect(read).toMatchObject({
			results: [{ id: contactId, properties: { email: 'alan@bletchley.example' } }],
		});
	});

	it("after reset, a new meeting that reuses a deleted meeting's id is live (readable and searchable)", async () => {
		const first = await json(await create(validCreateBody()));
		expect(
			(await call(`/crm/objects/2026-03/meetings/${first.id}`, { method: 'DELETE' })).status,
		).toBe(204);
		emu.reset();
		const second = await json(await create(validCreateBody({}, { hs_meeting_title: 'Second' })));
		expect(second.id).toBe(first.id);
		expect((await call(`/crm/objects/2026-03/meetings/${second.id}`)).status).toBe(200);
		const search = await call('/crm/objects/2026-03/meetings/search', {
			method: 'POST',
			json: {
				filterGroups: [
					{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: second.id }] },
				],
				properties: ['hs_meeting_title'],
				sorts: ['hs_createdate'],
				after: '0',
				limit: 10,
			},
		});
		expect(
			(await json(search)).results.map(
				(r: { properties: { hs_meeting_title: string } }) => r.properties.hs_meeting_title,
			),
		).toEqual(['Second']);
	});

	it('can relax strict bodies', async () => {
		const local = await startEmulator({ strictBodies: false });
		local.addAccessToken(TOKEN);
		try {
			const res = await fetch(`${local.baseUrl}${CAL}?organizerUserId=9000001`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
				body: JSON.stringify(validCreateBody({}, { custom_prop: 'x' })),
			});
			expect(res.status).toBe(200);
		} finally {
			await local.stop();
		}
	});
});
