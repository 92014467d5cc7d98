import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader, RoutingNode } from 'n8n-core';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import { OAuth2Api, oauthTokenDataProperty } from './oauth2-api.credential';

/** Node types of one loaded package, keyed the way n8n keys them: `<package name>.<node name>`. */
export class PackageNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}". Known: ${Object.keys(this.types).join(', ')}`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
		// Like n8n's own NodeTypes (packages/cli/src/node-types.ts): a declarative node gets an `execute` that runs
		// RoutingNode on the ExecuteContext, which carries the execution's cancel signal (Stop).
		if (
			type.description.requestDefaults !== undefined &&
			!type.execute &&
			!type.poll &&
			!type.trigger
		) {
			type.execute = async function (this: IExecuteFunctions) {
				return (
					(await new RoutingNode(
						this as unknown as ConstructorParameters<typeof RoutingNode>[0],
						type,
					).runNode()) ?? []
				);
			};
		}
		return type;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, {}]));
	}

	get names(): string[] {
		return Object.keys(this.types);
	}
}

/**
 * The package's credential types plus n8n's `oAuth2Api` base type (which lives in n8n-nodes-base).
 * `extends` is resolved like n8n's CredentialTypes / CredentialsHelper do it.
 */
export class PackageCredentialTypes implements ICredentialTypes {
	private readonly types: Record<string, ICredentialType>;

	constructor(
		types: Record<string, ICredentialType>,
		private readonly supportedNodes: Record<string, string[]>,
	) {
		const base = new OAuth2Api();
		this.types = { [base.name]: base, ...types };
	}

	recognizes(credentialType: string): boolean {
		return credentialType in this.types;
	}

	getByName(credentialType: string): ICredentialType {
		const type = this.types[credentialType];
		if (!type) throw new UnexpectedError(`Unknown credential type "${credentialType}"`);
		return type;
	}

	getSupportedNodes(type: string): string[] {
		return this.supportedNodes[type] ?? [];
	}

	/** All ancestors, nearest first (n8n returns them recursively, too). */
	getParentTypes(typeName: string): string[] {
		const direct = this.types[typeName]?.extends ?? [];
		return direct.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** The type's own properties merged over its parents' (same name: the child wins). */
	getProperties(typeName: string): INodeProperties[] {
		const type = this.getByName(typeName);
		const merged = new Map<string, INodeProperties>();
		for (const parent of type.extends ?? []) {
			for (const property of this.getProperties(parent)) merged.set(property.name, property);
		}
		for (const property of type.properties) merged.set(property.name, property);
		if (typeName !== 'oAuth2Api' && this.getParentTypes(typeName).includes('oAuth2Api')) {
			merged.set(oauthTokenDataProperty.name, oauthTokenDataProperty);
		}
		return [...merged.values()];
	}

	get names(): string[] {
		return Object.keys(this.types);
	}
}

export interface LoadedPackage {
	packageDir: string;
	packageName: string;
	nodeTypes: PackageNodeTypes;
	credentialTypes: PackageCredentialTypes;
	/** Full node type names, e.g. `n8n-nodes-hubspot-scheduler.hubspotScheduler`. */
	nodeTypeNames: string[];
	loader: PackageDirectoryLoader;
}

export const REPO_ROOT = path.resolve(__dirname, '../..');

const cache = new Map<string, Promise<LoadedPackage>>();

/** Loads a package directory (default: the repo root, i.e. the built dist/) through n8n-core's loader. Cached. */
export async function loadPackage(packageDir: string = REPO_ROOT): Promise<LoadedPackage> {
	const dir = path.resolve(packageDir);
	let loaded = cache.get(dir);
	if (!loaded) {
		loaded = doLoad(dir);
		cache.set(dir, loaded);
		loaded.catch(() => cache.delete(dir));
	}
	return await loaded;
}

async function doLoad(packageDir: string): Promise<LoadedPackage> {
	const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	if (declared.length === 0) {
		throw new UnexpectedError(`${packageDir}/package.json has no "n8n" block listing nodes`);
	}
	const missing = declared.filter((file) => !existsSync(path.join(packageDir, file)));
	if (missing.length > 0) {
		throw new UnexpectedError(
			`The built package is missing ${missing.join(', ')} in ${packageDir}. ` +
				'Run `npm run build` first: the engine tests run the compiled dist/, not the TypeScript sources.',
		);
	}

	const loader = new PackageDirectoryLoader(packageDir);
	await loader.loadAll();

	const nodeTypes: Record<string, INodeType | IVersionedNodeType> = {};
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		nodeTypes[`${loader.packageName}.${name}`] = type;
	}
	const credentialTypes: Record<string, ICredentialType> = {};
	const supportedNodes: Record<string, string[]> = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
		credentialTypes[name] = type;
		supportedNodes[name] = (loader.known.credentials[name]?.supportedNodes ?? []).map(
			(node) => `${loader.packageName}.${node}`,
		);
	}

	const packageNodeTypes = new PackageNodeTypes(nodeTypes);
	return {
		packageDir,
		packageName: loader.packageName,
		nodeTypes: packageNodeTypes,
		credentialTypes: new PackageCredentialTypes(credentialTypes, supportedNodes),
		nodeTypeNames: packageNodeTypes.names,
		loader,
	};
}
