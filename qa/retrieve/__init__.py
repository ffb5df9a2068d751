"""Retrieval: sentence embeddings and the Chroma index of passages and figure descriptions."""
