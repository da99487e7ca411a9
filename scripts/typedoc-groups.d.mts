// Types of scripts/typedoc-groups.mjs (the typedoc plugin), for the docs test that imports it.
import type { Application } from 'typedoc';

/** The section label of each name an index file exports (`x as y` exports y); null before any section. */
export declare function indexSections(text: string): Map<string, string | null>;
/** Loads the plugin into a typedoc application. */
export declare function load(app: Application): void;
