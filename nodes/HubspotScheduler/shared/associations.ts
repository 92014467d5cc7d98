import type { INodePropertyOptions } from 'n8n-workflow';

import { InputError } from '../input/errors';

/**
 * Associations of the meeting to CRM records. HubSpot identifies the kind of record only through the
 * association type id, so the user picks an object type and we send HubSpot's default meeting → object
 * type id for it, unless they chose a custom association label.
 */

export const MEETING_ASSOCIATION_TYPE_IDS: Record<string, number> = {
	contact: 200,
	company: 188,
	deal: 212,
	ticket: 226,
	call: 400,
	lead: 601,
	order: 769,
	course: 873,
	listing: 897,
	service: 839,
	appointment: 919,
};

export const ASSOCIATION_OBJECT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Appointment', value: 'appointment' },
	{ name: 'Call', value: 'call' },
	{ name: 'Company', value: 'company' },
	{ name: 'Contact', value: 'contact' },
	{ name: 'Course', value: 'course' },
	{ name: 'Deal', value: 'deal' },
	{ name: 'Lead', value: 'lead' },
	{ name: 'Listing', value: 'listing' },
	{ name: 'Order', value: 'order' },
	{ name: 'Service', value: 'service' },
	{ name: 'Ticket', value: 'ticket' },
];

export const ASSOCIATION_CATEGORIES = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED', 'WORK'] as const;
export type AssociationCategory = (typeof ASSOCIATION_CATEGORIES)[number];

/** One row of the Associations field as the editor saves it. */
export interface AssociationRow {
	objectType?: string;
	recordIds?: unknown;
	label?: 'default' | 'custom';
	category?: string;
	associationTypeId?: number | string;
}

export interface AssociationSpec {
	to: { id: string };
	types: Array<{ associationCategory: AssociationCategory; associationTypeId: number }>;
}

/** Field first, as every throw site names its row. */
class AssociationInputError extends InputError {
	constructor(field: string, message: string, fix: string) {
		super(message, fix, field);
	}
}

/**
 * A list of ids as users have them: "1, 2 3", ["1", 2], 5. Returns the strings; throws on anything that
 * is not a positive whole number, since HubSpot ids are numeric.
 */
export function parseIdList(value: unknown, field: string, fix: string): string[] {
	const raw: unknown[] = Array.isArray(value)
		? value
		: value === undefined || value === null
			? []
			: typeof value === 'string'
				? value.split(/[\s,;]+/)
				: [value];
	const ids: string[] = [];
	for (const entry of raw) {
		const id = typeof entry === 'number' ? String(entry) : typeof entry === 'string' ? entry.trim() : undefined;
		if (id === '') continue;
		if (id === undefined || !/^\d+$/.test(id) || /^0+$/.test(id)) {
			throw new AssociationInputError(field, `${JSON.stringify(entry)} is not a HubSpot ID (a positive whole number)`, fix);
		}
		ids.push(id.replace(/^0+/, ''));
	}
	return ids;
}

/** Builds the `associations` array of the create request from the editor's rows. */
export function buildAssociations(rows: AssociationRow[]): AssociationSpec[] {
	const specs: AssociationSpec[] = [];
	const seen = new Set<string>();
	rows.forEach((row, rowIndex) => {
		const rowName = `Associations row ${rowIndex + 1}`;
		const objectType = String(row.objectType ?? '');
		let typeId: number;
		let category: AssociationCategory;
		if (row.label === 'custom') {
			category = String(row.category ?? 'USER_DEFINED') as AssociationCategory;
			if (!ASSOCIATION_CATEGORIES.includes(category)) {
				throw new AssociationInputError(rowName, `"${category}" is not an association category`, `Use one of ${ASSOCIATION_CATEGORIES.join(', ')}.`);
			}
			typeId = Number(row.associationTypeId);
			if (!Number.isInteger(typeId) || typeId <= 0) {
				throw new AssociationInputError(
					rowName,
					`association type ID ${JSON.stringify(row.associationTypeId)} is not a positive whole number`,
					'Find the type ID of your label in HubSpot under Settings → Objects → Meetings → Associations, or through the associations labels API.',
				);
			}
		} else {
			const defaultId = MEETING_ASSOCIATION_TYPE_IDS[objectType];
			if (defaultId === undefined) {
				throw new AssociationInputError(
					rowName,
					`"${objectType}" is not an object type a meeting can be associated with`,
					`Use one of ${Object.keys(MEETING_ASSOCIATION_TYPE_IDS).join(', ')}, or choose a custom label with its type ID.`,
				);
			}
			typeId = defaultId;
			category = 'HUBSPOT_DEFINED';
		}
		const ids = parseIdList(
			row.recordIds,
			rowName,
			'Give record IDs as a comma-separated list (e.g. 101, 102) or an array from an expression (e.g. {{ $json.contactIds }}).',
		);
		if (ids.length === 0) {
			throw new AssociationInputError(
				rowName,
				`no ${objectType || 'record'} IDs given`,
				'Fill in Record IDs, or remove the row.',
			);
		}
		for (const id of ids) {
			const key = `${id}/${category}/${typeId}`;
			if (seen.has(key)) {
				throw new AssociationInputError(
					rowName,
					`${objectType || 'record'} ${id} is associated twice with the same type`,
					'Remove the duplicate ID or row; each record needs to appear once per association type.',
				);
			}
			seen.add(key);
			specs.push({ to: { id }, types: [{ associationCategory: category, associationTypeId: typeId }] });
		}
	});
	return specs;
}
