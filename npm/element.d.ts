// Declarations of `presslens/element` (npm/element.js): the <presslens-analyzer> custom element.
// Input and result types are the ones generated from the Rust core (presslens-result.d.ts).
import type { AnalysisResult, UserName } from './presslens-result.js';

/** What the element is doing. */
export type PresslensAnalyzerState = 'idle' | 'analysing' | 'done' | 'error';

/** The element's events, all bubbling and composed (they cross shadow boundaries). */
export interface PresslensAnalyzerEventMap extends HTMLElementEventMap {
  /** A new analysis is shown: the result as the core returned it. */
  'presslens-result': CustomEvent<AnalysisResult>;
  /** The writer accepted or removed a tag: every accepted tag, in the order accepted. */
  'presslens-tags': CustomEvent<string[]>;
  /** Bad input refused by the core (its message), the engine failing, or a `for` naming nothing. */
  'presslens-error': CustomEvent<Error>;
}

/**
 * `<presslens-analyzer for="EDITOR-ID" date="YYYY-MM-DD" debounce="250">`: analyses the
 * editor's text in a Web Worker as it changes and offers the core's suggested tags.
 */
export declare class PresslensAnalyzerElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /**
   * The text analysed: the `text` property when set, else the `for` editor's text, else the
   * element's own (slotted) text. Set `null` to give it back to `for` or the slot.
   */
  get text(): string;
  set text(value: string | null);
  /** The publication date (`YYYY-MM-DD`, the `date` attribute), or '' for none. */
  get date(): string;
  set date(value: string | null);
  /** Milliseconds without a change before the text is analysed again (default 250). */
  get debounce(): number;
  set debounce(ms: number);
  /** The accepted tags; set them (e.g. from the CMS's tags field) and they are not suggested. */
  get tags(): string[];
  set tags(list: Iterable<string>);
  /** The result shown, or null before the first. */
  readonly result: AnalysisResult | null;
  /** What the element is doing. */
  readonly state: PresslensAnalyzerState;
  /** Resolves once the analysis engine (worker and wasm) has loaded. */
  readonly ready: Promise<void>;
  /** The reader's own names for every later analysis (rejects with the core's message). */
  setUserNames(list: UserName[]): Promise<void>;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string): void;

  addEventListener<K extends keyof PresslensAnalyzerEventMap>(
    type: K,
    listener: (this: PresslensAnalyzerElement, ev: PresslensAnalyzerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PresslensAnalyzerEventMap>(
    type: K,
    listener: (this: PresslensAnalyzerElement, ev: PresslensAnalyzerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'presslens-analyzer': PresslensAnalyzerElement;
  }
}
