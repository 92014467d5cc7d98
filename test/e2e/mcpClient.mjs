/** A minimal MCP client (streamable HTTP transport): JSON-RPC over POST, answers as JSON or SSE. */
export class McpClient {
	constructor(url) {
		this.url = url;
		this.session = undefined;
		this.seq = 0;
	}

	async post(message) {
		const res = await fetch(this.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json, text/event-stream',
				...(this.session ? { 'mcp-session-id': this.session } : {}),
			},
			body: JSON.stringify(message),
			signal: AbortSignal.timeout(60_000),
		});
		this.session = res.headers.get('mcp-session-id') ?? this.session;
		if (!res.ok && res.status !== 202)
			throw new Error(
				`MCP ${message.method} -> ${res.status}: ${(await res.text()).slice(0, 500)}`,
			);
		if (message.id === undefined) {
			await res.body?.cancel().catch(() => {});
			return undefined;
		}
		// JSON, or an event stream that may stay open after the answer: read until the reply with our id.
		const isStream = (res.headers.get('content-type') ?? '').includes('event-stream');
		const reader = res.body.getReader();
		const decoder = new TextDecoder();
		let text = '';
		let reply;
		while (!reply) {
			const { value, done } = await reader.read();
			if (value) text += decoder.decode(value, { stream: true });
			if (isStream) {
				for (const line of text.split('\n')) {
					if (!line.startsWith('data:')) continue;
					const payload = JSON.parse(line.slice(5));
					if (payload.id === message.id) reply = payload;
				}
			} else if (done) {
				reply = text.trim() ? JSON.parse(text) : undefined;
			}
			if (done) break;
		}
		await reader.cancel().catch(() => {});
		if (reply?.error) throw new Error(`MCP ${message.method}: ${JSON.stringify(reply.error)}`);
		return reply?.result;
	}

	call(method, params) {
		return this.post({ jsonrpc: '2.0', id: ++this.seq, method, params });
	}

	async initialize() {
		await this.call('initialize', {
			protocolVersion: '2025-03-26',
			capabilities: {},
			clientInfo: { name: 'hubspot-scheduler-e2e', version: '1.0.0' },
		});
		await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
	}
}
