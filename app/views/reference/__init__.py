"""Reference data screens: products, test components, price lists."""
