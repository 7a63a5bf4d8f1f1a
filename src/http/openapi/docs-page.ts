import type { OpenApiDocument } from './openapi-document';

/**
 * A readable reference of the OpenAPI document, rendered on the server: no script (the CSP allows none
 * inline) and nothing fetched from elsewhere, so it works on a private network. Operations fold open with
 * <details>; `$ref`s link to their schema below.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A schema as indented JSON, its `$ref`s turned into links to the components section. */
function schemaHtml(schema: unknown): string {
  const json = escapeHtml(JSON.stringify(schema ?? {}, null, 2));
  return `<pre>${json.replace(/&#34;#\/components\/schemas\/([\w.-]+)&#34;/g, (_m, name: string) => `<a href="#schema-${name}">${name}</a>`)}</pre>`;
}

type Operation = {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

function operationHtml(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? [])
    .map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'required' : 'optional'}</td><td>${schemaHtml(p.schema)}</td></tr>`)
    .join('');
  const body = Object.entries(op.requestBody?.content ?? {})
    .map(([type, media]) => `<h4>Body <code>${escapeHtml(type)}</code></h4>${schemaHtml(media.schema)}`)
    .join('');
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const content = Object.entries(r.content ?? {}).map(([type, media]) => `<p><code>${escapeHtml(type)}</code></p>${schemaHtml(media.schema)}`).join('');
      return `<details><summary><b>${escapeHtml(status)}</b> ${escapeHtml(r.description ?? '')}</summary>${content}</details>`;
    })
    .join('');
  return `<details class="op" id="${escapeHtml(`${method}-${path}`)}"><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> ${escapeHtml(op.summary ?? '')}${op.security?.length ? ' <span class="lock">Bearer</span>' : ''}</summary>
${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}${params ? `<h4>Parameters</h4><table>${params}</table>` : ''}${body}<h4>Responses</h4>${responses}</details>`;
}

export function renderDocsPage(document: OpenApiDocument): string {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = (op as { tags?: string[] }).tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<section id="tag-${escapeHtml(tag)}"><h2>${escapeHtml(tag)}</h2>${ops.join('\n')}</section>`).join('\n');
  const schemas = Object.entries((document.components?.schemas ?? {}) as Record<string, Json>)
    .map(([name, schema]) => `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schemaHtml(schema)}</section>`)
    .join('\n');
  const nav = [...byTag.keys()].map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1b1b}
pre{background:#f5f5f7;padding:.5rem .75rem;overflow:auto;font-size:13px;margin:.25rem 0}
details.op{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
details.op>summary{cursor:pointer}
.m{display:inline-block;min-width:4.2rem;font-weight:700;font-family:monospace}
.get{color:#0a6}.post{color:#06c}.patch{color:#a60}.delete{color:#c22}
.lock{font-size:12px;border:1px solid #999;border-radius:4px;padding:0 .3rem}
table{border-collapse:collapse}td{border-top:1px solid #eee;padding:.2rem .5rem;vertical-align:top}
</style></head><body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description ?? '')}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a>. Sections: ${nav} · <a href="#schemas">schemas</a></p>
${sections}
<h2 id="schemas">Schemas</h2>
${schemas}
</body></html>
`;
}
