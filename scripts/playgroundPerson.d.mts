export declare class StartUsageError extends Error {}

export declare const START_USAGE: string;

export interface StartOptions {
  /** The demo person to chat as in the Playground. */
  as?: string;
}

export declare function parseStartArguments(argv: readonly string[]): StartOptions;

export interface PersonConfig {
  readonly person: { readonly name: string; readonly aadObjectId: string };
  /** The Playground config to write as `.m365agentsplayground.yml` in the Playground's working directory. */
  readonly yaml: string;
}

export declare function configForPerson(yamlText: string, name: string): PersonConfig;
