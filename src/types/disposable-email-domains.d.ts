/** `disposable-email-domains/index.js` (CommonJS: `module.exports = require('./index.json')`), the one entry Node's ESM loader imports without a JSON import attribute. */
declare module 'disposable-email-domains/index.js' {
  const domains: string[];
  export default domains;
}
