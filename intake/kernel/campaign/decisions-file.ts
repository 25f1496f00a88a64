/**
 * The name of the clerk's decisions file, apart from its reader (decisions.ts, which loads the
 * YAML parser and zod): the documents' worker names the file in its notes and loads neither.
 */
export const DECISIONS_FILE = 'decisions.yaml';
