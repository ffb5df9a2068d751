"""Composing answers: sentences with citations, and the one ungrounded-number check."""
