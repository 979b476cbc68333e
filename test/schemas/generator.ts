// Output schemas (`__schema__`) generated from the TypeScript types the nodes build their items
// from, with the compiler's type checker: a field added to EventItem shows up in the editor's
// schema view after `npm run schemas`, and test/schemas/schemas.test.ts fails until it is run.
//
// Layout, as n8n serves it (`/schemas/<node type>/<version>{/<resource>}{/<operation>}.json`,
// answered from `<node folder>/__schema__/v<version>{/<resource>}/<operation>.json`): the
// editor asks for `…/1.0.0.json` for a node at version 1, with the node's `resource` parameter
// when it has one. The trigger's default event comes at the top; its other event at
// `v<version>/<event>.json`, where a node with a resource parameter keeps its variants.
import * as path from 'path';
import ts from 'typescript';

export const REPO_DIR = path.resolve(__dirname, '..', '..');

export type JsonSchema = {
	type?: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
	enum?: unknown[];
	const?: unknown;
	additionalProperties?: boolean;
	anyOf?: JsonSchema[];
};

interface Target {
	/** Folder under nodes/. */
	node: string;
	versions: number[];
	/** '' for the default variant, else the name of its file below the version folder. */
	variant: string;
	/** Source file (from the repository root) and exported type. */
	file: string;
	type: string;
	title: string;
}

export const TARGETS: Target[] = [
	...[1, 2].flatMap((version): Target[] => [
		{ node: 'SeaTableRealtimeTrigger', versions: [version], variant: '', file: 'nodes/SeaTableRealtimeTrigger/items.ts', type: 'EventItem', title: 'A change in the base (event "Base Change")' },
		{ node: 'SeaTableRealtimeTrigger', versions: [version], variant: 'notification', file: 'nodes/SeaTableRealtimeTrigger/items.ts', type: 'NotificationItem', title: 'A system notification (event "Notification")' },
		{ node: 'SeaTableToast', versions: [version], variant: '', file: 'nodes/SeaTableToast/output.ts', type: 'ToastOutput', title: 'A toast that was shown' },
	]),
	{ node: 'SeaTableWebhook', versions: [1, 1.1], variant: '', file: 'nodes/seatable-client/webhook/deliver.ts', type: 'WebhookResult', title: 'The webhook receiver\'s answer' },
	{ node: 'SeaTableWebhookTrigger', versions: [1], variant: '', file: 'nodes/seatable-client/webhookReceive/types.ts', type: 'WebhookItem', title: 'A change SeaTable pushed (base webhook or automation)' },
];

/** The schema file's path from the repository root. */
export function schemaPath(target: Target, version: number): string {
	const folder = path.join('nodes', target.node, '__schema__');
	// As the editor asks: 1 → 1.0.0, 1.1 → 1.1.0.
	const name = `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
	return target.variant ? path.join(folder, name, `${target.variant}.json`) : path.join(folder, `${name}.json`);
}

/** Every schema file with its content, keyed by path from the repository root. */
export function generateSchemas(): Map<string, string> {
	const files = [...new Set(TARGETS.map((target) => path.join(REPO_DIR, target.file)))];
	const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, skipLibCheck: true, noEmit: true });
	const checker = program.getTypeChecker();
	const output = new Map<string, string>();
	for (const target of TARGETS) {
		const schema = { ...toSchema(checker, exportedType(program, checker, target)), title: target.title };
		for (const version of target.versions) output.set(schemaPath(target, version), JSON.stringify(schema, null, '\t') + '\n');
	}
	return output;
}

function exportedType(program: ts.Program, checker: ts.TypeChecker, target: Target): ts.Type {
	const source = program.getSourceFile(path.join(REPO_DIR, target.file));
	const moduleSymbol = source && checker.getSymbolAtLocation(source);
	const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((entry) => entry.name === target.type);
	if (!symbol) throw new Error(`${target.file} exports no type ${target.type}`);
	const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
	return checker.getDeclaredTypeOfSymbol(resolved);
}

function toSchema(checker: ts.TypeChecker, type: ts.Type): JsonSchema {
	if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return {};
	if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', const: (type as ts.StringLiteralType).value };
	if (type.flags & ts.TypeFlags.NumberLiteral) return { type: 'number', const: (type as ts.NumberLiteralType).value };
	if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', const: checker.typeToString(type) === 'true' };
	if (type.flags & ts.TypeFlags.String) return { type: 'string' };
	if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
	if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
	if (type.flags & ts.TypeFlags.Null) return { type: 'null' };
	if (type.isUnion()) return unionSchema(checker, type);
	if (checker.isArrayType(type)) {
		const [element] = checker.getTypeArguments(type as ts.TypeReference);
		return { type: 'array', items: toSchema(checker, element) };
	}
	return objectSchema(checker, type);
}

function unionSchema(checker: ts.TypeChecker, union: ts.UnionType): JsonSchema {
	// Optional properties add `undefined`; it is expressed by `required` instead.
	const members = union.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
	if (members.every((member) => member.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
	if (members.length === 1) return toSchema(checker, members[0]);
	const schemas = members.map((member) => toSchema(checker, member));
	if (schemas.every((schema) => schema.const !== undefined && schema.type === schemas[0].type)) {
		return { type: schemas[0].type, enum: schemas.map((schema) => schema.const) };
	}
	// `string | null` and the like: a list of types, which n8n's schema view reads (first type).
	if (schemas.every((schema) => typeof schema.type === 'string' && Object.keys(schema).length === 1)) {
		const types = schemas.map((schema) => schema.type as string);
		return { type: [...types.filter((name) => name !== 'null'), ...types.filter((name) => name === 'null')] };
	}
	const nullable = schemas.some((schema) => schema.type === 'null');
	const rest = schemas.filter((schema) => schema.type !== 'null');
	if (nullable && rest.length === 1 && typeof rest[0].type === 'string') return { ...rest[0], type: [rest[0].type, 'null'] };
	return { anyOf: schemas };
}

function objectSchema(checker: ts.TypeChecker, type: ts.Type): JsonSchema {
	const schema: JsonSchema = { type: 'object', properties: {} };
	const required: string[] = [];
	for (const property of checker.getPropertiesOfType(type)) {
		const declaration = property.valueDeclaration ?? property.declarations?.[0];
		if (!declaration) continue;
		const propertySchema = toSchema(checker, checker.getTypeOfSymbolAtLocation(property, declaration));
		const description = ts.displayPartsToString(property.getDocumentationComment(checker)).replace(/\s+/g, ' ').trim();
		schema.properties![property.name] = description ? { ...propertySchema, description } : propertySchema;
		if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
	}
	if (required.length) schema.required = required;
	// An index signature (Record<string, unknown>, row values keyed by column name): any keys.
	if (checker.getIndexInfosOfType(type).length === 0) schema.additionalProperties = false;
	if (Object.keys(schema.properties!).length === 0) delete schema.properties;
	return schema;
}
