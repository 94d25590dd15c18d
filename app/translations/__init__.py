"""Catalogues (fr, en), fragments per area and the tool merging them."""
