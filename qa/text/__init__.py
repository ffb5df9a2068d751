"""Reading and writing text: numbers, number and date mentions, the words the engine knows, files into articles."""
