"""Request screens: requests and their queues, purchase orders, correction, training."""
