//! Floor 1, the lexicon: hand-written word lists, each written once, as data files beside this
//! module, and read by every floor above that needs them.
