"""Lint rules, one class per concern, grouped by area (the digit after the letter of the ID):
structure 0, references 1, parameters 2, resources 3, metadata 4, security 5, landingzone 7."""
