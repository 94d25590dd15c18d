"""Benchmarks of ExamDesk against the bare libraries (not run by `make test`)."""
