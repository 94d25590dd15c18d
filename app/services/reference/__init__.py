"""Reference data rules: products, test components and price lists."""
