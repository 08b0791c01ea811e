// The BSI CSAF library ships JavaScript with JSDoc only; these are the parts Cordon uses.
declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  export const weaknesses: readonly { id: string; name: string }[];
}

declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.1.js' {
  const schema: Record<string, unknown>;
  export default schema;
}

declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v3.0.js' {
  const schema: Record<string, unknown>;
  export default schema;
}

declare module '@secvisogram/csaf-validator-lib/schemas/cvss-v2.0.js' {
  const schema: Record<string, unknown>;
  export default schema;
}

// Named exports, one per test of CSAF § 6.1; read as a record of functions.
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js';
