//! Building fixes: attributions in the draft's language and position, figure and quote replacements.
