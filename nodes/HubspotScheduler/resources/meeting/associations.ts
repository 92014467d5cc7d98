import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { checkRows, trimmed } from '../../input/values';
import { recordsOfRow, type ContactNames } from './people';

export { resolveAssociations } from './people';

/**
 * Associations of a new meeting to CRM records: the Associations field and the `associations` HubSpot
 * gets from it. HubSpot identifies the kind of record only through the association type id, so the
 * user picks an object type and we send HubSpot's default meeting → object type id for it, unless they
 * chose a custom association label.
 */

const MEETING_ASSOCIATION_TYPE_IDS: Record<string, number> = {
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

const OBJECT_TYPE_OPTIONS: INodePropertyOptions[] = [
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

const ASSOCIATION_CATEGORIES = [
	'HUBSPOT_DEFINED',
	'USER_DEFINED',
	'INTEGRATOR_DEFINED',
	'WORK',
] as const;
type AssociationCategory = (typeof ASSOCIATION_CATEGORIES)[number];

export function associationsField(displayOptions: IDisplayOptions): INodeProperties {
	const custom = { show: { label: ['custom'] } };
	return {
		displayName: 'Associations',
		name: 'associations',
		type: 'fixedCollection',
		placeholder: 'Add Association',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'CRM records to attach the meeting to. Associated contacts are invited.',
		displayOptions,
		options: [
			{
				displayName: 'Association',
				name: 'association',
				values: [
					{
						displayName: 'Create Contact If Missing',
						name: 'createIfMissing',
						type: 'boolean',
						default: false,
						description:
							'Whether to create a contact for an email that has none, instead of failing the item',
						displayOptions: { show: { objectType: ['contact'] } },
					},
					{
						displayName: 'First Name',
						name: 'firstName',
						type: 'string',
						default: '',
						description: 'First name of a contact created for an email',
						displayOptions: { show: { objectType: ['contact'], createIfMissing: [true] } },
					},
					{
						displayName: 'Last Name',
						name: 'lastName',
						type: 'string',
						default: '',
						description: 'Last name of a contact created for an email',
						displayOptions: { show: { objectType: ['contact'], createIfMissing: [true] } },
					},
					{
						displayName: 'Object Type',
						name: 'objectType',
						type: 'options',
						options: OBJECT_TYPE_OPTIONS,
						default: 'contact',
						description: 'Kind of CRM record',
					},
					{
						displayName: 'Record IDs',
						name: 'recordIds',
						type: 'string',
						default: '',
						placeholder: 'e.g. 101, 102 or {{ $json.contactIds }}',
						description:
							'One or more record IDs: a comma-separated list, or an array from an expression. Contacts also by email (jane@acme.com), companies also by domain (acme.com): looked up once per run.',
					},
					{
						displayName: 'Relationship Label',
						name: 'label',
						type: 'options',
						options: [
							{
								name: 'Default',
								value: 'default',
								description: "HubSpot's standard meeting association for this object type",
							},
							{
								name: 'Custom Label',
								value: 'custom',
								description: 'An association label defined in your HubSpot account',
							},
						],
						default: 'default',
						description:
							'HubSpot association label describing how the meeting relates to the records',
					},
					{
						displayName: 'Relationship Label Category',
						name: 'category',
						type: 'options',
						options: [
							{ name: 'HubSpot Defined', value: 'HUBSPOT_DEFINED' },
							{ name: 'Integrator Defined', value: 'INTEGRATOR_DEFINED' },
							{ name: 'User Defined', value: 'USER_DEFINED' },
							{ name: 'Work', value: 'WORK' },
						],
						default: 'USER_DEFINED',
						displayOptions: custom,
					},
					{
						displayName: 'Relationship Label Type ID',
						name: 'associationTypeId',
						type: 'number',
						default: 0,
						description: 'Association type ID of the label, in the meeting → object direction',
						displayOptions: custom,
					},
				],
			},
		],
	};
}

/** One row of the Associations field as the editor saves it. */
export interface AssociationRow {
	objectType?: string;
	recordIds?: unknown;
	createIfMissing?: boolean;
	firstName?: unknown;
	lastName?: unknown;
	label?: 'default' | 'custom';
	category?: string;
	associationTypeId?: number | string;
}

export interface AssociationSpec {
	to: { id: string };
	types: Array<{ associationCategory: AssociationCategory; associationTypeId: number }>;
}

/** A record named by email or domain: its id is looked up (people.ts) once every item is checked. */
export interface PendingAssociation {
	lookUp: { email?: string; domain?: string; field: string; create?: ContactNames };
	types: AssociationSpec['types'];
}

/** An entry of the Associations field, with its row's object type (for the output; HubSpot gets `to` and `types`). */
export type AssociationEntry = (AssociationSpec | PendingAssociation) & { objectType: string };

/** The label of one row: HubSpot's default for its object type, or the custom one it names. */
function associationType(
	row: AssociationRow,
	rowName: string,
): { category: AssociationCategory; typeId: number } {
	if (row.label !== 'custom') {
		const typeId = MEETING_ASSOCIATION_TYPE_IDS[String(row.objectType ?? '')];
		if (typeId === undefined) {
			throw new InputError(
				rowName,
				`"${String(row.objectType ?? '')}" is not an object type a meeting can be associated with`,
				`Use one of ${Object.keys(MEETING_ASSOCIATION_TYPE_IDS).join(', ')}, or choose a custom label with its type ID.`,
			);
		}
		return { category: 'HUBSPOT_DEFINED', typeId };
	}
	const category = String(row.category ?? 'USER_DEFINED') as AssociationCategory;
	if (!ASSOCIATION_CATEGORIES.includes(category)) {
		throw new InputError(
			rowName,
			`"${category}" is not an association category`,
			`Use one of ${ASSOCIATION_CATEGORIES.join(', ')}.`,
		);
	}
	const typeId = Number(row.associationTypeId);
	if (!Number.isInteger(typeId) || typeId <= 0) {
		throw new InputError(
			rowName,
			`association type ID ${JSON.stringify(row.associationTypeId)} is not a positive whole number`,
			'Find the type ID of your label in HubSpot under Settings → Objects → Meetings → Associations, or through the associations labels API.',
		);
	}
	return { category, typeId };
}

/** The `associations` array of the create request, one entry per record (named ones still to look up). */
export function meetingAssociations(input: ItemInput): AssociationEntry[] {
	const seen = new Set<string>();
	const rows = checkRows(
		input.getNodeParameter('associations.association', []),
		'Associations',
		(row: AssociationRow, rowName) => {
			const objectType = String(row.objectType ?? '');
			const { category, typeId } = associationType(row, rowName);
			const { ids, named } = recordsOfRow(row, rowName);
			if (ids.length === 0 && named.length === 0) {
				throw new InputError(
					rowName,
					`no ${objectType || 'record'} IDs given`,
					'Fill in Record IDs, or remove the row.',
				);
			}
			const types: AssociationSpec['types'] = [
				{ associationCategory: category, associationTypeId: typeId },
			];
			const once = (record: string) => {
				const key = `${objectType}:${record.toLowerCase()}/${category}/${typeId}`;
				if (seen.has(key)) {
					throw new InputError(
						rowName,
						`${objectType || 'record'} ${record} is associated twice with the same type`,
						'Remove the duplicate ID or row; each record needs to appear once per association type.',
					);
				}
				seen.add(key);
			};
			const create = row.createIfMissing
				? { firstName: trimmed(row.firstName), lastName: trimmed(row.lastName) }
				: undefined;
			return [
				...ids.map((id): AssociationEntry => (once(id), { to: { id }, types, objectType })),
				...named.map((name): AssociationEntry => {
					once(name);
					const lookUp =
						objectType === 'company'
							? { domain: name, field: rowName }
							: { email: name, field: rowName, create };
					return { lookUp, types, objectType };
				}),
			];
		},
	);
	return rows.flat();
}
