// The example CMS's own script: it embeds <presslens-analyzer> as a CMS would and keeps its
// tags field and the element's accepted tags in step. A real CMS imports 'presslens/element'
// from its bundle; this page imports the built package, target/npm/presslens/ (python3 scripts/build_npm.py; see README.md here).
import '../../target/npm/presslens/element.js';

const tagsField = /** @type {HTMLInputElement} */ (document.getElementById('tags'));
const analyzer = /** @type {import('../../target/npm/presslens/element.js').PresslensAnalyzerElement} */ (document.getElementById('analyzer'));

/** The tags in the field, as a list. */
const fieldTags = () => tagsField.value.split(',').map((t) => t.trim()).filter(Boolean);

// The tags already on the article are not suggested again.
analyzer.tags = fieldTags();
tagsField.addEventListener('change', () => {
  analyzer.tags = fieldTags();
});
// An accepted (or removed) suggestion updates the field.
analyzer.addEventListener('presslens-tags', (event) => {
  tagsField.value = /** @type {CustomEvent<string[]>} */ (event).detail.join(', ');
});
analyzer.addEventListener('presslens-error', (event) => {
  console.warn('presslens:', /** @type {CustomEvent<Error>} */ (event).detail.message);
});
