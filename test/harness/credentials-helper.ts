import { deepCopy, ICredentialsHelper, NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INodeParameters,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import type { PackageCredentialTypes } from './package-types';

export interface CredentialUpdate {
	/** Which helper method n8n called. */
	method: 'updateCredentials' | 'updateCredentialsOauthTokenData';
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * An in-memory stand-in for n8n's (CLI) CredentialsHelper: credentials are held decrypted, one per type.
 * Behaviour follows n8n's implementation: defaults of the type (including inherited `extends`
 * properties) are applied on read, generic `authenticate` blocks are resolved as expressions with
 * `$credentials`, and token updates written by n8n-core are stored so the next read sees them.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, ICredentialDataDecryptedObject>();

	readonly updates: CredentialUpdate[] = [];

	constructor(private readonly credentialTypes: PackageCredentialTypes) {
		super();
	}

	setCredentials(type: string, data: ICredentialDataDecryptedObject) {
		if (!this.credentialTypes.recognizes(type)) {
			throw new UnexpectedError(
				`Credential type "${type}" is not in the loaded package (known: ${this.credentialTypes.names.join(', ')})`,
			);
		}
		this.store.set(type, deepCopy(data));
	}

	/** The live (raw, stored) data of a credential. */
	getStored(type: string): ICredentialDataDecryptedObject | undefined {
		return this.store.get(type);
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		if (!this.credentialTypes.recognizes(credentialType)) return true;
		const type = this.credentialTypes.getByName(credentialType) as {
			restrictToSupportedNodes?: boolean;
		};
		if (type.restrictToSupportedNodes !== true) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	async getCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		// Only n8n's server uses this (to load the encrypted entity); n8n-core's execution path reads
		// credentials through getDecrypted. Fail loudly should that ever change.
		throw new UnexpectedError(
			`The harness keeps "${type}" decrypted only; getCredentials is not supported`,
		);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (!stored) {
			throw new UnexpectedError(`No credentials of type "${type}" were given to the harness`);
		}
		return this.applyDefaults(type, deepCopy(stored));
	}

	/** Like n8n's applyDefaultsAndOverwrites (minus overwrites): fill in the type's defaults. */
	applyDefaults(
		type: string,
		data: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// n8n puts oauthTokenData back explicitly: it is not a displayed parameter.
		if (data.oauthTokenData !== undefined) withDefaults.oauthTokenData = data.oauthTokenData;
		else delete withDefaults.oauthTokenData;
		return withDefaults;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions & Record<string, unknown>;
		const credentialType = this.credentialTypes.getByName(typeName);
		const authenticate = credentialType.authenticate;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Generic authentication needs the workflow and node to resolve expressions',
				);
			}
			const resolve = (value: unknown) =>
				typeof value === 'string' && value.startsWith('=')
					? workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: credentials },
							undefined,
							value,
						)
					: value;
			for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
				const target = (requestOptions[outerKey] ??= {}) as Record<string, unknown>;
				for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
					target[resolve(key) as string] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await this.runTypePreAuthentication(helpers, credentials, typeName, credentialsExpired);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return await this.runTypePreAuthentication(helpers, credentials, typeName, false);
	}

	/**
	 * n8n runs a type's `preAuthentication` only when the type has a hidden `expirable` property and
	 * that property is empty (or the request failed as expired); the result is stored.
	 */
	private async runTypePreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const expirable = this.getCredentialsProperties(typeName).find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const stored = this.store.get(typeName) ?? {};
		const updated = { ...stored, ...deepCopy(output) } as ICredentialDataDecryptedObject;
		this.store.set(typeName, updated);
		this.updates.push({ method: 'updateCredentials', type: typeName, data: deepCopy(updated) });
		return Object.assign(credentials, output);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates.push({ method: 'updateCredentials', type, data: deepCopy(data) });
		this.store.set(type, deepCopy(data));
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		// n8n persists only the token set here, keeping the rest of the stored credential.
		this.updates.push({ method: 'updateCredentialsOauthTokenData', type, data: deepCopy(data) });
		const stored = this.store.get(type) ?? {};
		this.store.set(type, { ...stored, oauthTokenData: deepCopy(data.oauthTokenData) });
	}
}
