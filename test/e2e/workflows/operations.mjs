/**
 * e2e cases for the operations beyond Create: each Meeting Link operation, and the follow-up chain
 * Create -> Get -> Update -> Delete on one meeting. Each case: a workflow, and a check of its run.
 */
import { ADA, hubspot, manualTrigger, workflow } from './index.mjs';
import { searchWorkflowTests } from './searchCases.mjs';

const link = (operation, extra) => ({
	authentication: 'accessToken',
	resource: 'meetingLink',
	operation,
	...extra,
});
const meeting = (operation, extra) => ({
	authentication: 'accessToken',
	resource: 'meeting',
	operation,
	...extra,
});

function ok(assert, r) {
	assert.ok(
		r.ok,
		`n8n execute exited ${r.code}:\n${r.stderr.slice(-2000)}\n${r.stdout.slice(-1500)}`,
	);
}

function sentTo(emulator, method, pattern) {
	return emulator.requests.filter((q) => q.method === method && pattern.test(q.path));
}

export function extraWorkflowTests() {
	return [
		...searchWorkflowTests(),
		{
			name: 'meeting link: get many',
			workflow: workflow('meeting link get many', [
				manualTrigger(),
				hubspot('Links', link('getMany', { returnAll: true })),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const slugs = nodeOutput('Links').map((i) => i.slug);
				assert.ok(
					slugs.includes('ada-lovelace') && slugs.includes('sales-team'),
					`slugs: ${slugs}`,
				);
				assert.ok(sentTo(emulator, 'GET', /\/meetings\/meeting-links$/).length >= 1);
			},
		},
		{
			name: 'meeting link: get booking info',
			workflow: workflow('meeting link booking info', [
				manualTrigger(),
				hubspot(
					'Booking Info',
					link('getBookingInfo', {
						slug: { __rl: true, mode: 'slug', value: 'sales-team' },
						timezone: 'Europe/Berlin',
					}),
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const out = nodeOutput('Booking Info');
				assert.ok(out?.length >= 1 && !out[0].error, JSON.stringify(out).slice(0, 500));
				const req = sentTo(emulator, 'GET', /\/meeting-links\/book\/sales-team$/)[0];
				assert.ok(req, 'booking info requested');
				assert.equal(req.query.timezone, 'Europe/Berlin');
			},
		},
		{
			name: 'meeting link: get availability',
			workflow: workflow('meeting link availability', [
				manualTrigger(),
				hubspot(
					'Availability',
					link('getAvailability', {
						slug: { __rl: true, mode: 'url', value: 'https://meetings.hubspot.com/ada-lovelace' },
						timezone: 'Europe/Berlin',
					}),
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const out = nodeOutput('Availability');
				assert.ok(out?.length >= 1 && !out[0].error, JSON.stringify(out).slice(0, 500));
				assert.ok(sentTo(emulator, 'GET', /\/availability-page\/ada-lovelace$/).length === 1);
			},
		},
		{
			name: 'meeting link: book',
			workflow: workflow('meeting link book', [
				manualTrigger(),
				hubspot(
					'Book',
					link('book', {
						slug: { __rl: true, mode: 'list', value: 'ada-lovelace', cachedResultName: 'Meet Ada' },
						firstName: 'Jane',
						lastName: 'Doe',
						email: 'jane.doe@example.com',
						startTime: '2026-10-24T09:00',
						durationMinutes: 30,
						timezone: 'Europe/Berlin',
					}),
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const out = nodeOutput('Book');
				assert.equal(out?.length, 1);
				assert.ok(!out[0].error, JSON.stringify(out[0]).slice(0, 500));
				const req = sentTo(emulator, 'POST', /\/meeting-links\/book$/)[0];
				assert.equal(req?.status, 200);
				assert.equal(req.body.startTime, '2026-10-24T07:00:00.000Z');
				assert.equal(req.body.duration, 1_800_000);
			},
		},
		{
			name: 'follow-up: create -> get -> update -> delete',
			workflow: workflow('follow-up chain', [
				manualTrigger(),
				hubspot(
					'Create',
					meeting('createCalendarEvent', {
						organizerUserId: ADA.userId,
						title: 'Follow-up chain',
						startTime: '2026-08-10T10:00:00',
						endTime: '2026-08-10T10:30:00',
						timezone: 'Europe/Berlin',
					}),
					{ position: [200, 0] },
				),
				hubspot(
					'Get',
					meeting('get', { meetingId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
					{ position: [400, 0] },
				),
				hubspot(
					'Update',
					meeting('update', {
						meetingId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						updateFields: { outcome: 'COMPLETED', title: 'Follow-up chain (done)' },
					}),
					{ position: [600, 0] },
				),
				hubspot(
					'Delete',
					meeting('delete', {
						meetingId: {
							__rl: true,
							mode: 'url',
							value: '={{ "https://app.hubspot.com/contacts/123456/record/0-47/" + $json.id }}',
						},
					}),
					{ position: [800, 0] },
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const id = String(nodeOutput('Create')[0].id);
				assert.match(id, /^\d+$/);
				assert.equal(String(nodeOutput('Get')[0].id), id);
				assert.match(JSON.stringify(nodeOutput('Get')[0]), /Follow-up chain/);
				assert.match(JSON.stringify(nodeOutput('Update')[0]), /COMPLETED/);
				assert.deepEqual(nodeOutput('Delete')[0], { deleted: true, id });
				assert.equal(sentTo(emulator, 'GET', new RegExp(`/meetings/${id}$`)).length, 1);
				assert.equal(
					sentTo(emulator, 'PATCH', new RegExp(`/meetings/${id}$`))[0]?.body.properties
						.hs_meeting_outcome,
					'COMPLETED',
				);
				assert.equal(sentTo(emulator, 'DELETE', new RegExp(`/meetings/${id}$`))[0]?.status, 204);
			},
		},
	];
}
