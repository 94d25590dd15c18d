"""Requests rules: the request workflow, postponements, correction, purchase orders, training."""
