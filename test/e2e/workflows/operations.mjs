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
						rangeStart: '={{ $now }}',
						rangeEnd: '={{ $now.plus({ days: 14 }) }}',
						limit: 5,
					}),
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const out = nodeOutput('Availability');
				assert.ok(out?.length >= 1 && out.length <= 5, JSON.stringify(out).slice(0, 500));
				assert.ok(!out[0].error, JSON.stringify(out[0]).slice(0, 500));
				const starts = out.map((slot) => Date.parse(slot.startUtc));
				assert.ok(
					starts.every(
						(start, i) => start > Date.now() - 600_000 && (i === 0 || start >= starts[i - 1]),
					),
					`future slots in time order: ${out.map((slot) => slot.startUtc)}`,
				);
				const pages = sentTo(emulator, 'GET', /\/availability-page\/ada-lovelace$/);
				// 14 days span at most two calendar months: this month's page, and the next one's if needed.
				assert.ok(pages.length >= 1 && pages.length <= 2, `${pages.length} availability reads`);
				assert.equal(pages[0].query.timezone, 'Europe/Berlin');
			},
		},
		{
			name: 'meeting link: book',
			workflow: workflow('meeting link book', [
				manualTrigger(),
				hubspot(
					'First Free Slot',
					link('getAvailability', {
						slug: { __rl: true, mode: 'list', value: 'ada-lovelace', cachedResultName: 'Meet Ada' },
						timezone: 'Europe/Berlin',
						firstFreeSlotOnly: true,
					}),
					{ position: [300, 0] },
				),
				hubspot(
					'Book',
					link('book', {
						slug: { __rl: true, mode: 'list', value: 'ada-lovelace', cachedResultName: 'Meet Ada' },
						firstName: 'Jane',
						lastName: 'Doe',
						email: 'jane.doe@example.com',
						startTime: '={{ $json.start }}',
						durationMinutes: '={{ $json.durationMinutes }}',
						timezone: 'Europe/Berlin',
					}),
				),
			]),
			check({ r, emulator, nodeOutput, assert }) {
				ok(assert, r);
				const slot = nodeOutput('First Free Slot');
				assert.equal(slot?.length, 1, JSON.stringify(slot).slice(0, 500));
				const out = nodeOutput('Book');
				assert.equal(out?.length, 1);
				assert.ok(!out[0].error, JSON.stringify(out[0]).slice(0, 500));
				// The slot Get Availability gave is the one booked, and the output says so in UTC and locally.
				const req = sentTo(emulator, 'POST', /\/meeting-links\/book$/)[0];
				assert.equal(req?.status, 200);
				assert.equal(req.body.startTime, slot[0].startUtc);
				assert.equal(req.body.duration, slot[0].durationMinutes * 60_000);
				assert.equal(out[0].start, slot[0].startUtc);
				assert.equal(out[0].startLocal, slot[0].start);
				assert.equal(out[0].slug, 'ada-lovelace');
				assert.match(String(out[0].contactId), /^\d+$/);
				// Book read the link's durations once, to refuse a length it does not offer in minutes.
				assert.equal(sentTo(emulator, 'GET', /\/meeting-links\/book\/ada-lovelace$/).length, 1);
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
