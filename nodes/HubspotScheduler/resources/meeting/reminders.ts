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

/** Minutes in one of each unit. */
const UNIT_MINUTES: Record<ReminderUnit, number> = {
	MINUTES: 1,
	HOURS: 60,
	DAYS: 24 * 60,
	WEEKS: 7 * 24 * 60,
};
/** The earliest a reminder goes out: 52 weeks (364 days) before the meeting. */
const MAX_WEEKS_BEFORE = 52;

export function emailReminderSchedule(input: ItemInput): EmailReminderSchedule {
	const reminders = checkRows(
		input.getNodeParameter('reminders.reminder', []),
		'Reminders',
		(row: ReminderRow, field) => {
			const amount = wholeNumber(row.amount);
			if (amount === undefined || amount < 1) {
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
			if (amount * UNIT_MINUTES[unit] > MAX_WEEKS_BEFORE * UNIT_MINUTES.WEEKS) {
				throw new InputError(
					field,
					`${amount} ${unit.toLowerCase()} before the meeting is more than ${MAX_WEEKS_BEFORE} weeks`,
					`A reminder goes out at most ${MAX_WEEKS_BEFORE} weeks (364 days) before the meeting. Give a shorter time, e.g. ${MAX_WEEKS_BEFORE} with unit Weeks.`,
				);
			}
			return { numberOfTimeUnits: amount, timeUnit: unit };
		},
	);
	return {
		reminders,
		shouldIncludeInviteDescription: input.getNodeParameter(
			'includeDescriptionInReminders',
			false,
		) as boolean,
	};
}
