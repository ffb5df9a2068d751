"""The evaluation harness: a gold question set, its scorer and `qa eval`."""
