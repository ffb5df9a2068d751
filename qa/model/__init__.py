"""Records, errors and settings: what every stage shares. Imports nothing from the other stages."""
