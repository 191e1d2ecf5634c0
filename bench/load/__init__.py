"""Load test of the API under gunicorn on PostgreSQL: ``python -m bench.load``."""
