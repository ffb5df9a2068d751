"""Checking what articles state: the source audit and claim checking."""
