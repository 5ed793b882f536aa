// Builds src/main.ts into the single dist/Code.js Apps Script runs, plus the manifest beside it.
const path = require('path');
const esbuild = require('esbuild');
const { DefinePlugin } = require('webpack');
const GasPlugin = require('gas-webpack-plugin');
const CopyPlugin = require('copy-webpack-plugin');

/**
 * The Preview message sidebar as one self-contained page (Apps Script serves a single HTML string): its
 * script, the renderer and the styles bundled and minified by esbuild, inlined into a small shell. The
 * bundle gets it as the constant __SIDEBAR_HTML__; src/preview/sidebar.ts fills in %PREVIEW_DATA%.
 */
function sidebarHtml() {
  const built = esbuild.buildSync({
    entryPoints: [path.resolve(__dirname, 'src/preview/sidebar/client.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  const script = built.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_top"><title>Preview message</title></head>' +
    '<body><div id="app"></div>' +
    '<script type="application/json" id="preview-data">%PREVIEW_DATA%</script>' +
    `<script>${script}</script></body></html>`
  );
}

module.exports = {
  mode: 'none',
  context: __dirname,
  entry: './src/main.ts',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'Code.js', clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { loader: 'ts', target: 'es2020' } }],
  },
  // usedExports would let webpack drop the exports GasPlugin turns into globals (see ENGINEERING.md).
  optimization: { usedExports: false, minimize: false },
  devtool: false,
  performance: { hints: false },
  plugins: [
    new DefinePlugin({ __SIDEBAR_HTML__: JSON.stringify(sidebarHtml()) }),
    new GasPlugin({ autoGlobalExportsFiles: ['src/main.ts'], comment: true }),
    new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: 'appsscript.json' }] }),
  ],
};
