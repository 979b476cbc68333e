// A JSON Schema check for the subset the generator writes (type, const, enum, properties,
// required, additionalProperties, items, anyOf): the problems with a value, [] when it conforms.
import type { JsonSchema } from './generator';

export function schemaProblems(schema: JsonSchema, value: unknown, at = '$'): string[] {
	if (schema.anyOf) {
		return schema.anyOf.some((option) => schemaProblems(option, value, at).length === 0) ? [] : [`${at}: matches none of anyOf`];
	}
	const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
	if (types.length && !types.includes(typeOf(value))) return [`${at}: is ${typeOf(value)}, schema says ${types.join(' or ')}`];
	if (schema.const !== undefined && value !== schema.const) return [`${at}: is ${JSON.stringify(value)}, schema says ${JSON.stringify(schema.const)}`];
	if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
	if (Array.isArray(value) && schema.items) return value.flatMap((entry, index) => schemaProblems(schema.items!, entry, `${at}[${index}]`));
	if (typeOf(value) !== 'object') return [];
	const record = value as Record<string, unknown>;
	const problems = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${at}.${key}: missing`);
	for (const [key, entry] of Object.entries(record)) {
		const property = schema.properties?.[key];
		if (property) problems.push(...schemaProblems(property, entry, `${at}.${key}`));
		else if (schema.additionalProperties === false) problems.push(`${at}.${key}: not in the schema`);
	}
	return problems;
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (Number.isInteger(value)) return 'number';
	return typeof value;
}
