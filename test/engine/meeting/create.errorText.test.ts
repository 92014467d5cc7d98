/**
 * Issue 10 #5, #6, #7: error texts that mislead (#4, the OAuth2 part, is in ../http/oauthErrors.test.ts).
 * #5 — a proxy's HTML error page must not appear whole in the message: a short text (the page's title or the
 *      status text) in the message; the body, trimmed, at most in the description.
 * #6 — 24:00 is not a daylight-saving gap: say that 24:00 is not a time of day and suggest 00:00 of the next day.
 * #7 — input is quoted as the user gave it (no space turned into "T"), grammar ("an object"), and End-before-Start
 *      shows both times as typed, not converted to the meeting's zone.
 */
import type { IDataObject } from 'n8n-workflow';

import { runNode } from '../../harness/engine';
import type { HubspotEmulator } from '../../emulator';
import {
	GRACE,
	calendarCreates,
	createParameters,
	expectSpecValid,
	serviceKeyCredential,
} from '../fixtures';
import { useFileEmulator } from '../suite';

let emulator: HubspotEmulator;
useFileEmulator((started) => (emulator = started));

const CREATE = /\/meetings\/calendar$/;

/** nginx's own 502 page, byte for byte as a proxy in front of HubSpot sends it. */
const NGINX_502_PAGE =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' +
	'<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n'.repeat(6);

async function createWith(overrides: IDataObject, options: { continueOnFail?: boolean } = {}) {
	return await runNode({
		credentials: serviceKeyCredential(emulator),
		parameters: createParameters({ ownerId: GRACE.ownerId, ...overrides }),
		continueOnFail: options.continueOnFail,
	});
}

describe('#5 an HTML error page from a proxy', () => {
	// issue 10 #5
	it("the message shows the page's title, not the page; the description holds it trimmed", async () => {
		emulator.injectFault({
			method: 'POST',
			path: CREATE,
			status: 502,
			body: NGINX_502_PAGE,
			headers: { 'Content-Type': 'text/html' },
		});
		const result = await createWith({}, { continueOnFail: true });
		const error = result.items[0].error!;
		expect(error.message).not.toMatch(/<|\r|\n/);
		expect(error.message).toMatch(/^HubSpot answered 502: (502 )?Bad Gateway \[item 0\]$/);
		// Still an unknown outcome for a create: the hint stays.
		expect(error.description).toMatch(/may or may not have been created/);
		expect(error.description ?? '').not.toMatch(/<html|<head|<body/i);
		expect((error.description ?? '').length).toBeLessThan(1000);
		expect(calendarCreates(emulator)).toHaveLength(1);
	});

	// issue 10 #5
	it('a page without a title: the message shows the status text', async () => {
		emulator.injectFault({
			method: 'POST',
			path: CREATE,
			status: 504,
			body: '<html><body><h1>Gateway Timeout</h1><p>The upstream server did not answer in time.</p></body></html>',
			headers: { 'Content-Type': 'text/html' },
		});
		const result = await createWith({}, { continueOnFail: true });
		expect(result.items[0].error?.message).toMatch(
			/^HubSpot answered 504: Gateway Timeout \[item 0\]$/,
		);
	});
});

describe('#6 24:00', () => {
	// issue 10 #6
	it('Start 2026-12-01T24:00 in Berlin: says 24:00 is not a time of day and suggests 00:00 of the next day', async () => {
		const result = await createWith({ startTime: '2026-12-01T24:00', endTime: '2026-12-02T01:00' });
		const message = result.error?.message ?? '';
		expect(message).not.toMatch(/clocks move forward|does not exist in/);
		expect(message).toMatch(/^Start: "2026-12-01T24:00" .*24:00.*\[item 0\]$/);
		expect(`${message}\n${result.error?.description}`).toMatch(/2026-12-02T00:00/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	it('a real spring-forward gap still says so (kept as today)', async () => {
		const result = await createWith({ startTime: '2026-03-29T02:30', endTime: '2026-03-29T04:00' });
		expect(result.error?.message).toMatch(
			/^Start: "2026-03-29T02:30" does not exist in Europe\/Berlin: the clocks move forward/,
		);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});
});

describe('#7 smaller wording faults', () => {
	// issue 10 #7
	it('garbage input is quoted exactly as given, nowhere mangled', async () => {
		const result = await createWith({ startTime: 'next tuesday at 3pm' });
		const text = `${result.error?.message}\n${result.error?.description}`;
		expect(result.error?.message).toMatch(/^Start: "next tuesday at 3pm" is not a valid date/);
		expect(text).not.toMatch(/nextT|tuesdayTat/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});

	// issue 10 #7
	it('an object is "an object", not "a object"', async () => {
		const result = await runNode({
			credentials: serviceKeyCredential(emulator),
			items: [{ start: { when: 'tomorrow' } }],
			parameters: createParameters({ ownerId: GRACE.ownerId, startTime: '={{ $json.start }}' }),
		});
		expect(result.error?.message).toMatch(/^Start: .*\ban object\b/);
		expect(result.error?.message).not.toMatch(/\ba object\b/);
	});

	// issue 10 #7
	it('End before Start shows both times as the user typed them', async () => {
		const result = await createWith({
			timezone: 'Europe/Berlin',
			startTime: '2026-01-15T10:00:00Z',
			endTime: '2026-01-15T09:30:00Z',
		});
		const message = result.error?.message ?? '';
		expect(message).toMatch(/^End: /);
		expect(message).toContain('2026-01-15T09:30:00Z');
		expect(message).toContain('2026-01-15T10:00:00Z');
		expect(message).not.toMatch(/\+01:00/);
		expect(calendarCreates(emulator)).toHaveLength(0);
	});
});

afterEach(() => expectSpecValid(emulator));
