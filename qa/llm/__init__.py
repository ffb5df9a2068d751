"""The optional chat-model mode: tools over the corpus, the tool loop, and the reply guard."""
