import type { TestApp } from './app.js';

/** One operation of the running app, as its OpenAPI document describes it. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form, e.g. `/api/applications/{id}` */
  path: string;
  /** "METHOD /path", the key of the authorisation matrix */
  key: string;
  pathParams: string[];
  queryParams: Array<{ name: string; type?: string; format?: string; enum?: unknown[] }>;
  /** The request body's media type, when it takes one */
  body?: 'json' | 'multipart';
}

interface OpenApiParameter {
  in: string;
  name: string;
  schema?: { type?: string; format?: string; enum?: unknown[] };
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, unknown> };
}

/** Every route the app serves, read from its own OpenAPI document (so new rooms show up by themselves). */
export async function discoverRoutes(t: TestApp): Promise<Route[]> {
  const res = await t.http().get('/api/docs-json').expect(200);
  const paths = res.body.paths as Record<string, Record<string, OpenApiOperation>>;
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const upper = method.toUpperCase() as Route['method'];
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const parameters = op.parameters ?? [];
      const content = Object.keys(op.requestBody?.content ?? {});
      routes.push({
        method: upper,
        path,
        key: `${upper} ${path}`,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            type: p.schema?.type,
            format: p.schema?.format,
            enum: p.schema?.enum,
          })),
        body: content.includes('multipart/form-data') ? 'multipart' : content.length ? 'json' : undefined,
      });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** `/api/applications/{id}` with `{id: 'x'}` → `/api/applications/x` (values URL-encoded). */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(params[name]);
  });
}
