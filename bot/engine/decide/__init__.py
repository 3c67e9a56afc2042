"""Deciding: one module per kind of answer, each turning a Reading into an Answer."""
