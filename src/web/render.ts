import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A page component as a whole HTML document; every value in it is escaped by preact. */
export function renderDocument(node: VNode): string {
  return `<!DOCTYPE html>${renderToString(node)}`;
}
