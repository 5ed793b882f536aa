// Opens the “Preview message” sidebar. The page is one self-contained HTML file built with the bundle
// (webpack.config.js: esbuild bundles sidebar/client.ts, the renderer and the styles into it), so Apps
// Script serves it from a string; the selected row's preview is embedded so it shows without a round trip.
import type { Env } from '../engine/env';
import type { PreviewResult } from './model';
import { previewRow } from './preview';

declare const __SIDEBAR_HTML__: string;

export const SIDEBAR_TITLE = 'Preview message';
/** Where the page expects its first preview (inside a JSON script element). */
export const DATA_MARKER = '%PREVIEW_DATA%';

/** The page with a preview in it. `<` is escaped so no text in a row can close the script element. */
export function sidebarPage(data: PreviewResult, html: string = __SIDEBAR_HTML__): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  // split/join, not replace: `$&` and friends in the data must stay literal.
  return html.split(DATA_MARKER).join(json);
}

export function openSidebar(env: Env): void {
  env.ui?.showSidebar(sidebarPage(previewRow(env)), SIDEBAR_TITLE);
}
