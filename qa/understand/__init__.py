"""Understanding a question: cleaning, follow-ups, linking words to the figures, scoring, planning (a Plan)."""
