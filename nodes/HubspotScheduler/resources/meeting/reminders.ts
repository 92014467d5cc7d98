import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../input/errors';
import type { ItemInput } from '../../input/item';
import { checkRows, wholeNumber } from '../../input/values';

/**
 * Email reminders of a new meeting: the Reminders field and Include Description in Reminders, and the
 * `emailReminderSchedule` HubSpot gets from them. HubSpot requires both keys of the schedule, so "no
 * reminders" is sent as an empty list rather than left out.
 */

const REMINDER_UNITS = ['MINUTES', 'HOURS', 'DAYS', 'WEEKS'] as const;
type ReminderUnit = (typeof REMINDER_UNITS)[number];

export function reminderFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Reminders',
			name: 'reminders',
			type: 'fixedCollection',
			placeholder: 'Add Reminder',
			typeOptions: { multipleValues: true },
			default: {},
			description: 'Reminder emails HubSpot sends before the meeting',
			displayOptions,
			options: [
				{
					displayName: 'Reminder',
					name: 'reminder',
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							typeOptions: { minValue: 1, numberPrecision: 0 },
							default: 30,
							description: 'How long before the meeting',
						},
						{
							displayName: 'Unit',
							name: 'unit',
							type: 'options',
							options: [
								{ name: 'Minutes', value: 'MINUTES' },
								{ name: 'Hours', value: 'HOURS' },
								{ name: 'Days', value: 'DAYS' },
								{ name: 'Weeks', value: 'WEEKS' },
							],
							default: 'MINUTES',
						},
					],
				},
			],
		},
		{
			displayName: 'Include Description in Reminders',
			name: 'includeDescriptionInReminders',
			type: 'boolean',
			default: false,
			description: "Whether the reminder emails include the meeting's description",
			displayOptions,
		},
	];
}

/** One row of the Reminders field as the editor saves it. */
interface ReminderRow {
	amount?: unknown;
	unit?: unknown;
}

export interface EmailReminderSchedule {
	reminders: Array<{ numberOfTimeUnits: number; timeUnit: ReminderUnit }>;
	shouldIncludeInviteDescription: boolean;
}

/** HubSpot's numberOfTimeUnits is an int32. */
const MAX_TIME_UNITS = 2_147_483_647;

export function emailReminderSchedule(input: ItemInput): EmailReminderSchedule {
	const reminders = checkRows(input.getNodeParameter('reminders.reminder', []), 'Reminders', (row: ReminderRow, field) => {
		const amount = wholeNumber(row.amount);
		if (amount === undefined || amount < 1 || amount > MAX_TIME_UNITS) {
			throw new InputError(
				field,
				`amount ${JSON.stringify(row.amount)} is not a whole number of at least 1`,
				'Give how long before the meeting the reminder goes out, e.g. 30 with unit Minutes, or 1 with unit Days.',
			);
		}
		const unit = String(row.unit ?? '').toUpperCase() as ReminderUnit;
		if (!REMINDER_UNITS.includes(unit)) {
			throw new InputError(
				field,
				`unit ${JSON.stringify(row.unit)} is not one of Minutes, Hours, Days, Weeks`,
				'Pick a unit from the list, or give minutes, hours, days or weeks from an expression.',
			);
		}
		return { numberOfTimeUnits: amount, timeUnit: unit };
	});
	return { reminders, shouldIncludeInviteDescription: input.getNodeParameter('includeDescriptionInReminders', false) as boolean };
}
