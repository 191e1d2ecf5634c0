# The two set-up commands (see README): `make run` and `make test`.
.PHONY: run test bench-extraction bench-api

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

bench-extraction:
	bench/extraction

bench-api:
	bench/api
