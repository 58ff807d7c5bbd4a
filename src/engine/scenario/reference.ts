/**
 * The field reference of docs/authoring.md, generated from the published
 * JSON Schema so that it cannot drift from the format.
 */
type Json = Record<string, unknown>;

const MAX_SAFE = 9007199254740991;

function typeOf(node: Json): string {
  if (typeof node.$ref === 'string') return node.$ref.replace('#/$defs/', '');
  if ('const' in node) return JSON.stringify(node.const);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(node.anyOf)) return (node.anyOf as Json[]).map(typeOf).join(' | ');
  if (node.type === 'array') return `array of ${typeOf((node.items ?? {}) as Json)}`;
  if (node.type === 'object' && !node.properties && node.additionalProperties) return `map of ${typeOf(node.additionalProperties as Json)}`;
  if (node.type === 'object' && node.properties) return `{ ${inlineFields(node)} }`;
  if (node.type === 'integer' || node.type === 'number') {
    const range = [node.minimum, node.maximum].some((v) => v !== undefined && v !== MAX_SAFE && v !== -MAX_SAFE)
      ? ` ${node.minimum ?? '…'}–${node.maximum === MAX_SAFE || node.maximum === undefined ? '…' : node.maximum}`
      : '';
    return `${node.type}${range}`;
  }
  return String(node.type ?? 'any');
}

function inlineFields(node: Json): string {
  const required = new Set((node.required ?? []) as string[]);
  return Object.entries((node.properties ?? {}) as Record<string, Json>)
    .filter(([k]) => k !== '$comment')
    .map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${typeOf(v)}`)
    .join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function rows(node: Json, path: string, out: string[]): void {
  const properties = (node.properties ?? {}) as Record<string, Json>;
  const required = new Set((node.required ?? []) as string[]);
  for (const [key, child] of Object.entries(properties)) {
    if (key === '$comment' || key === '$schema') continue;
    const here = path ? `${path}.${key}` : key;
    const type = child.type === 'object' && child.properties ? 'object' : typeOf(child);
    const fallback = 'default' in child ? `default ${JSON.stringify(child.default)}` : required.has(key) ? '**required**' : 'optional';
    out.push(`| \`${here}\` | ${cell(type)} | ${fallback} | ${cell(String(child.description ?? ''))} |`);
    const items = child.type === 'array' ? (child.items as Json | undefined) : undefined;
    if (child.type === 'object' && child.properties) rows(child, here, out);
    else if (items?.type === 'object' && items.properties) rows(items, `${here}[]`, out);
  }
}

function unionForms(def: Json): string[] {
  return ((def.anyOf ?? []) as Json[]).map((form) => {
    const properties = Object.entries((form.properties ?? {}) as Record<string, Json>).filter(([k]) => k !== '$comment');
    const required = new Set((form.required ?? []) as string[]);
    const fields = properties.map(([k, v]) => `\`${k}\`${required.has(k) ? '' : '?'}: ${cell(typeOf(v))}`).join(', ');
    const description = properties.map(([, v]) => v.description).filter(Boolean).join(' ');
    return `| { ${fields} } | ${cell(String(description))} |`;
  });
}

/** One row per field of a schema (course files have their own), as a Markdown table. */
export function fieldTable(schema: Json): string[] {
  const table: string[] = ['| field | type | default | description |', '| --- | --- | --- | --- |'];
  rows(schema, '', table);
  return table;
}

export function fieldReference(schema: Json): string {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const table = fieldTable(schema);
  const forms = (id: string) => {
    const def = defs[id] ?? {};
    return typeof def.$ref === 'string' ? defs[def.$ref.replace('#/$defs/', '')] ?? {} : def;
  };
  return [
    '### Every field',
    '',
    'Generated from `scenarios/firebreak-scenario.schema.json` by `npx firebreak schema --docs`. Any object may also carry a `$comment` string, which Firebreak ignores.',
    '',
    ...table,
    '',
    '### Conditions',
    '',
    '| form | meaning |',
    '| --- | --- |',
    ...unionForms(forms('conditionForms')),
    '',
    '### Effects',
    '',
    '| form | meaning |',
    '| --- | --- |',
    ...unionForms(forms('effect')),
    '',
  ].join('\n');
}
