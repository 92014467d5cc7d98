import { InputError } from './errors';
import type { ItemInput } from './item';

/**
 * The meeting's timezone: an IANA name, checked and written the way the IANA database writes it. People
 * and sheets give names in any letter case (`europe/berlin`); HubSpot gets `Europe/Berlin`.
 */

/** Zone names already checked: each check builds an Intl formatter, and runs see few zones. */
const knownZones = new Map<string, string | undefined>();

/** Each part starts with a capital, as the database writes names: Europe/Berlin, US/Eastern, Etc/GMT+1, UTC. */
const CASED_LIKE_IANA = /^[A-Z][^/]*(?:\/[A-Z][^/]*)*$/;

/**
 * The zone's name as the IANA database writes it, or undefined when there is no such zone. Intl knows the
 * zone in any letter case and gives its canonical name. A name that is an alias of another (Asia/Kolkata of
 * Asia/Calcutta, US/Eastern of America/New_York) is kept as given when it is already written like a database
 * name; only a name in the wrong case is replaced, by its canonical name.
 */
function canonicalZone(name: string): string | undefined {
	if (!knownZones.has(name)) {
		let canonical: string | undefined;
		try {
			canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
		} catch {
			canonical = undefined; // RangeError: not a zone
		}
		const sameName = canonical !== undefined && canonical.toLowerCase() === name.toLowerCase();
		knownZones.set(
			name,
			canonical === undefined || sameName || !CASED_LIKE_IANA.test(name) ? canonical : name,
		);
	}
	return knownZones.get(name);
}

export function isValidTimezone(name: string): boolean {
	return canonicalZone(name) !== undefined;
}

/** The meeting's timezone: the one given, else the workflow's; anything not an IANA name is refused. */
export function resolveTimezone(given: unknown, workflowTimezone: string): string {
	const name = typeof given === 'string' ? given.trim() : '';
	const zone = name || workflowTimezone;
	const canonical = canonicalZone(zone);
	if (canonical === undefined) {
		throw new InputError(
			'Timezone',
			`"${zone}" is not a known IANA timezone`,
			"Use an IANA timezone name such as Europe/Berlin, America/New_York or UTC, or leave the field empty to use the workflow's timezone.",
		);
	}
	return canonical;
}

/** The item's Timezone field (`name`), else the workflow's timezone. */
export function timezoneParameter(input: ItemInput, name = 'timezone'): string {
	return resolveTimezone(input.getNodeParameter(name, ''), input.getTimezone());
}
