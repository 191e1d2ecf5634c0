# The two set-up commands (see README): `make run` and `make test`.
# Benchmarks print tables; each starts what it needs (PostgreSQL, gunicorn...).
.PHONY: run test bench-extraction bench-api bench-exports

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

bench-extraction:
	bash scripts/bootstrap.sh && bench/extraction

bench-api:
	bash scripts/bootstrap.sh && bench/api

bench-exports:
	bash scripts/bootstrap.sh && bench/exports
