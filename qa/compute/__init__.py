"""The calculator: typed arithmetic over figures, with the working shown."""
