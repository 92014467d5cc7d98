import { InputError } from '../input/errors';

/**
 * Email reminders. HubSpot requires both keys of `emailReminderSchedule`, so "no reminders" is sent as
 * an empty list rather than left out.
 */

export const REMINDER_UNITS = ['MINUTES', 'HOURS', 'DAYS', 'WEEKS'] as const;
export type ReminderUnit = (typeof REMINDER_UNITS)[number];

export interface ReminderRow {
	amount?: unknown;
	unit?: unknown;
}

export interface EmailReminderSchedule {
	reminders: Array<{ numberOfTimeUnits: number; timeUnit: ReminderUnit }>;
	shouldIncludeInviteDescription: boolean;
}

/** Field first, as every throw site names its row. */
class ReminderInputError extends InputError {
	constructor(field: string, message: string, fix: string) {
		super(message, fix, field);
	}
}

/** HubSpot's numberOfTimeUnits is an int32. */
const MAX_TIME_UNITS = 2_147_483_647;

export function buildReminderSchedule(rows: ReminderRow[], includeDescription: boolean): EmailReminderSchedule {
	const reminders = rows.map((row, rowIndex) => {
		const field = `Reminders row ${rowIndex + 1}`;
		const amount = typeof row.amount === 'string' && row.amount.trim() !== '' ? Number(row.amount) : row.amount;
		if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_TIME_UNITS) {
			throw new ReminderInputError(
				field,
				`amount ${JSON.stringify(row.amount)} is not a whole number of at least 1`,
				'Give how long before the meeting the reminder goes out, e.g. 30 with unit Minutes, or 1 with unit Days.',
			);
		}
		const unit = String(row.unit ?? '').toUpperCase() as ReminderUnit;
		if (!REMINDER_UNITS.includes(unit)) {
			throw new ReminderInputError(
				field,
				`unit ${JSON.stringify(row.unit)} is not one of Minutes, Hours, Days, Weeks`,
				'Pick a unit from the list, or give minutes, hours, days or weeks from an expression.',
			);
		}
		return { numberOfTimeUnits: amount, timeUnit: unit };
	});
	return { reminders, shouldIncludeInviteDescription: includeDescription };
}
