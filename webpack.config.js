// Builds src/main.ts into the single dist/Code.js Apps Script runs, plus the manifest beside it.
const path = require('path');
const GasPlugin = require('gas-webpack-plugin');
const CopyPlugin = require('copy-webpack-plugin');

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
    new GasPlugin({ autoGlobalExportsFiles: ['src/main.ts'], comment: true }),
    new CopyPlugin({ patterns: [{ from: 'appsscript.json', to: 'appsscript.json' }] }),
  ],
};
