"""The corpus: documents and their figures on disk (curated and ingested), validated, extracted, cut into passages."""
