/**
 * A recording proxy on 127.0.0.1 between the node and HubSpot (or the emulator): the node's credential
 * points its Base URL here, every request is forwarded to the target unchanged, and every answer is kept,
 * so the live check sees HubSpot's answers exactly as the node did.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
	/** The scenario that was running. */
	scenario: string;
	method: string;
	path: string;
	query: Record<string, string>;
	status: number;
	/** Content type, Retry-After and HubSpot's rate-limit headers of the answer. */
	headers: Record<string, string>;
	/** Parsed JSON (text when not JSON; undefined when empty). */
	body: unknown;
}

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'user-agent'];
const KEPT_RESPONSE_HEADERS = /^(content-type|retry-after|x-hubspot-ratelimit-.*)$/i;

export class Recorder {
	readonly exchanges: Exchange[] = [];
	scenario = '';
	private server?: Server;

	constructor(private readonly target: string) {}

	/** Starts listening; resolves the Base URL to give the node. */
	start(): Promise<string> {
		const server = createServer((req, res) => void this.forward(req, res));
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () =>
				resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
			);
		});
	}

	stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return Promise.resolve();
		return new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	}

	/** Exchanges with a given status (e.g. 429) since index `from`. */
	withStatus(status: number, from = 0): Exchange[] {
		return this.exchanges.slice(from).filter((e) => e.status === status);
	}

	private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const headers: Record<string, string> = {};
		for (const name of FORWARDED_REQUEST_HEADERS) {
			const value = req.headers[name];
			if (typeof value === 'string') headers[name] = value;
		}
		const method = (req.method ?? 'GET').toUpperCase();
		let status = 502;
		let text = '';
		const kept: Record<string, string> = {};
		try {
			const answer = await fetch(`${this.target.replace(/\/$/, '')}${url.pathname}${url.search}`, {
				method,
				headers,
				body:
					chunks.length && method !== 'GET' && method !== 'HEAD'
						? Buffer.concat(chunks)
						: undefined,
				signal: AbortSignal.timeout(60_000),
			});
			status = answer.status;
			text = await answer.text();
			answer.headers.forEach((value, name) => {
				if (KEPT_RESPONSE_HEADERS.test(name)) kept[name.toLowerCase()] = value;
			});
		} catch (error) {
			text = JSON.stringify({
				status: 'error',
				message: `live-check proxy: ${(error as Error).message}`,
			});
			kept['content-type'] = 'application/json';
		}
		let body: unknown = text === '' ? undefined : text;
		if (text && /json/i.test(kept['content-type'] ?? '')) {
			try {
				body = JSON.parse(text);
			} catch {
				/* kept as text */
			}
		}
		this.exchanges.push({
			scenario: this.scenario,
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			status,
			headers: kept,
			body,
		});
		res.writeHead(status, kept);
		res.end(status === 204 ? undefined : text);
	}
}
