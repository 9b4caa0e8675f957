"""The test suite: unit, handler and end-to-end tests."""
